// The page's only way to the server: the public API, with the visitor's key where the server asks for one.

const keyStorage = "vts.apiKey";
const terminal = new Set(["completed", "error", "cancelled"]);

/** An API answer that was not a success, with the RFC 9457 problem details the server sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  static async from(response) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText || `HTTP ${response.status}` };
    }
    return new ApiError(response.status, problem);
  }
}

export const isTerminal = (status) => terminal.has(status);

export class Api {
  get key() {
    return localStorage.getItem(keyStorage) || "";
  }

  set key(value) {
    if (value) localStorage.setItem(keyStorage, value);
    else localStorage.removeItem(keyStorage);
  }

  headers(extra = {}) {
    return this.key ? { ...extra, Authorization: `Bearer ${this.key}` } : extra;
  }

  async fetch(path, options = {}) {
    const response = await fetch(path, { ...options, headers: this.headers(options.headers) });
    if (!response.ok) throw await ApiError.from(response);
    return response;
  }

  async json(path, options = {}) {
    const response = await this.fetch(path, { ...options, headers: { Accept: "application/json", ...options.headers } });
    return response.status === 204 ? null : response.json();
  }

  capabilities() {
    return this.json("/v1/capabilities");
  }

  jobs(cursor) {
    return this.json(`/v1/jobs?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
  }

  job(id) {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}`);
  }

  artifacts(id) {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}/artifacts`);
  }

  /** A rendered job's cues in one track, with the ETag an edit sends back in If-Match. */
  async cues(id, track) {
    const response = await this.fetch(`/v1/jobs/${encodeURIComponent(id)}/cues/${encodeURIComponent(track)}`, { headers: { Accept: "application/json" } });
    return { track: await response.json(), etag: response.headers.get("ETag") };
  }

  /** Changes cues (and, on a target language's track, voices per speaker: { S2: "es+f3" }). */
  async editCues(id, track, cues, etag, voices) {
    const response = await this.fetch(`/v1/jobs/${encodeURIComponent(id)}/cues/${encodeURIComponent(track)}`, {
      method: "PATCH",
      headers: { Accept: "application/json", "Content-Type": "application/json", ...(etag ? { "If-Match": etag } : {}) },
      body: JSON.stringify(voices ? { cues, voices } : { cues }),
    });
    return { track: await response.json(), etag: response.headers.get("ETag") };
  }

  /** The voices a dub in this language can give a speaker, lowest first. */
  voices(language) {
    return this.json(`/v1/capabilities/voices/${encodeURIComponent(language)}`);
  }

  render(id) {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}/render`, { method: "POST" });
  }

  cancel(id) {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST" });
  }

  delete(id) {
    return this.json(`/v1/jobs/${encodeURIComponent(id)}`, { method: "DELETE" });
  }

  /**
   * Starts a job from a multipart form. XMLHttpRequest rather than fetch: only it reports upload progress.
   * The Idempotency-Key makes a retried upload the same job.
   */
  upload(form, onProgress) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", "/v1/jobs");
      for (const [name, value] of Object.entries(this.headers({ Accept: "application/json", "Idempotency-Key": newKey() }))) {
        request.setRequestHeader(name, value);
      }
      request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
      request.onload = () => {
        let body = {};
        try {
          body = JSON.parse(request.responseText);
        } catch {
          body = { title: request.statusText || `HTTP ${request.status}` };
        }
        if (request.status >= 200 && request.status < 300) resolve(body);
        else reject(new ApiError(request.status, body));
      };
      request.onerror = () => reject(new ApiError(0, { title: "The upload did not reach the server", detail: "Check the connection and try again." }));
      request.send(form);
    });
  }

  /**
   * A job's server-sent events, each { type, id, job }, until its last. Read with fetch, not EventSource, so the
   * key travels in a header (never in a URL). A dropped stream resumes from the last event id, as the server supports.
   */
  async *events(id, signal) {
    let lastEventId = null;
    let delay = 500;
    while (!signal.aborted) {
      try {
        const headers = { Accept: "text/event-stream", ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) };
        const response = await this.fetch(`/v1/jobs/${encodeURIComponent(id)}/events`, { headers, signal });
        for await (const event of readEvents(response.body)) {
          delay = 500;
          if (event.id) lastEventId = event.id;
          if (event.type === "ping" || !event.data) continue;
          const job = JSON.parse(event.data);
          yield { type: event.type, id: event.id, job };
          if (isTerminal(job.status)) return;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status !== 429 && error.status < 500) throw error;
      }
      // The stream ended early (a restart, a dropped connection): resume after a short, growing pause.
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  /**
   * A URL the page's media elements and download links can load. Without a key that is the API path itself; with
   * one, a signed link to it (they cannot send headers), valid for `seconds`. Either way the browser streams the file
   * with ranges instead of holding it whole.
   */
  async mediaUrl(path, seconds = 6 * 3600) {
    if (!this.key) return path;
    const link = await this.json(`${path}/link?expires_in=${seconds}`, { method: "POST" });
    return link.url;
  }
}

/** Splits a text/event-stream body into events (type, id, data), as the SSE specification reads them. */
async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let event = { type: "message", id: null, data: "" };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
      if (line === "") {
        if (event.data || event.type !== "message") yield event;
        event = { type: "message", id: null, data: "" };
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event.type = text;
      else if (field === "id") event.id = text;
      else if (field === "data") event.data = event.data ? `${event.data}\n${text}` : text;
    }
  }
}

/** A random Idempotency-Key; crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
