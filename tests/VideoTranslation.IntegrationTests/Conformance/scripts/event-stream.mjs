// Follows a job's event stream with the `eventsource` package, the EventSource Node programs use, until the library
// itself gives up: after the stream's end it reconnects once with Last-Event-ID, and the server's 204 must stop it.
// Prints each event (type and id) and how the stream ended, as one JSON object.
// Usage: node event-stream.mjs EVENTS_URL
import { EventSource } from "eventsource";

const url = process.argv[2];
const events = [];
const source = new EventSource(url);
for (const type of ["status", "progress"]) {
  source.addEventListener(type, (event) => {
    const job = JSON.parse(event.data);
    events.push({ type, id: event.lastEventId, status: job.status, stage: job.stage });
  });
}

let timer;
const ended = await new Promise((resolve) => {
  source.addEventListener("error", (error) => {
    // CONNECTING: the library reconnects on its own; CLOSED: it stopped for good.
    console.error(`error: readyState ${source.readyState}, ${error.code ?? ""} ${error.message ?? ""}`);
    if (source.readyState === EventSource.CLOSED) {
      resolve("closed");
    }
  });
  timer = setTimeout(() => resolve("still open"), 60_000);
});
clearTimeout(timer);
source.close();
console.log(JSON.stringify({ ended, events }));
