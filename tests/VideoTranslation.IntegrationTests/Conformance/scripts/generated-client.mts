// Drives a seed job and a video job through a client generated from the server's OpenAPI document, as a TypeScript
// user would: openapi-typescript turned the document into `schema.d.ts` beside this file, and every path, parameter
// and body below is type-checked against it by tsc before this runs. Prints what it saw as one JSON object.
// Usage: node generated-client.mjs BASE_URL VIDEO_FILE
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const [baseUrl, videoPath] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl });

function fail(step: string, response: Response): never {
  throw new Error(`${step}: HTTP ${response.status}`);
}

// The seed API: start a translation, then long-poll its status until it is no longer pending.
const started = await client.POST("/translate", { body: { source_language: "en", target_language: "es" } });
if (!started.data) fail("POST /translate", started.response);
let seedStatus: string = "pending";
while (seedStatus === "pending") {
  const read = await client.GET("/job/{job_id}", { params: { path: { job_id: started.data.job_id }, query: { wait: 5 } } });
  if (!read.data) fail("GET /job/{job_id}", read.response);
  seedStatus = read.data.status;
}

// The v1 API: upload a video (the multipart form as the document describes it), follow it, list and download artifacts.
const video = new Blob([new Uint8Array(await readFile(videoPath))], { type: "video/mp4" });
const created = await client.POST("/v1/jobs", {
  body: { file: basename(videoPath), target_languages: "es", dub: "false" },
  bodySerializer(body) {
    const form = new FormData();
    for (const [name, value] of Object.entries(body)) {
      if (name === "file") {
        form.append(name, video, String(value));
      } else {
        form.append(name, String(value));
      }
    }
    return form;
  },
});
if (!created.data) fail("POST /v1/jobs", created.response);
let job = created.data;
while (job.status === "pending") {
  const read = await client.GET("/v1/jobs/{id}", { params: { path: { id: job.id }, query: { wait: 10 } } });
  if (!read.data) fail("GET /v1/jobs/{id}", read.response);
  job = read.data;
}

const artifacts = await client.GET("/v1/jobs/{id}/artifacts", { params: { path: { id: job.id } } });
if (!artifacts.data) fail("GET /v1/jobs/{id}/artifacts", artifacts.response);
const srt = await client.GET("/v1/jobs/{id}/artifacts/{name}", { params: { path: { id: job.id, name: "es.srt" } }, parseAs: "text" });
if (!srt.response.ok) fail("GET /v1/jobs/{id}/artifacts/{name}", srt.response);

console.log(JSON.stringify({
  seed: seedStatus,
  video: job.status,
  artifacts: artifacts.data.map((artifact) => artifact.name),
  srt: srt.data ?? "",
}));
