// The web page: upload a video, follow the job live, play and download the result, list past jobs.
import { Api, ApiError, isTerminal } from "./api.js";
import { Player } from "./player.js";

const api = new Api();
const $ = (id) => document.getElementById(id);
const names = new Intl.DisplayNames([navigator.language, "en"], { type: "language" });
const languageName = (code) => {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
};

const stages = {
  queued: "Waiting for a worker",
  running: "Starting",
  probing: "Reading the video",
  extracting_audio: "Extracting the audio",
  transcribing: "Recognizing speech",
  translating: "Translating",
  synthesizing: "Dubbing",
  mixing: "Mixing the audio",
  muxing: "Putting the video together",
  done: "Done",
};

const player = new Player(
  { video: $("video"), audio: $("track-audio"), audioSelect: $("audio-track"), subtitleSelect: $("subtitle-track") },
  api,
  languageName);

let capabilities = null;
let following = null; // the AbortController of the job being followed
let nextCursor = null;
let listTimer = 0;
const listRefreshMilliseconds = 5000;

// ---- Errors -------------------------------------------------------------------------------------------------------

/** Shows what went wrong in words: a problem's title, its detail and its per-field errors. */
function showError(error) {
  const alert = $("alert");
  const problem = error instanceof ApiError ? error.problem : { title: "Something went wrong", detail: String(error?.message ?? error) };
  const heading = document.createElement("strong");
  heading.textContent = problem.title || "Request failed";
  const parts = [heading];
  if (problem.detail) parts.push(Object.assign(document.createElement("p"), { textContent: problem.detail }));
  if (problem.errors) {
    const list = document.createElement("ul");
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const message of messages) list.append(Object.assign(document.createElement("li"), { textContent: `${field}: ${message}` }));
    }
    if (list.childElementCount && !problem.detail) parts.push(list);
  }
  const close = Object.assign(document.createElement("button"), { type: "button", textContent: "Dismiss", className: "link" });
  close.addEventListener("click", clearError);
  parts.push(close);
  alert.replaceChildren(...parts);
  alert.hidden = false;
  if (error instanceof ApiError && error.status === 401) openKeyDialog();
}

function clearError() {
  $("alert").hidden = true;
  $("alert").replaceChildren();
}

async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  }
}

// ---- The form: what this server supports ---------------------------------------------------------------------------

async function loadCapabilities() {
  capabilities = await attempt(() => api.capabilities());
  if (!capabilities) return;

  const sources = [...new Set(capabilities.language_pairs.map((pair) => pair.source))].sort();
  const source = $("source");
  source.replaceChildren(
    ...(capabilities.detects_source_language ? [new Option("Detect it", "auto")] : []),
    ...sources.map((code) => {
      const recognized = capabilities.language_pairs.some((pair) => pair.source === code && pair.recognized);
      const option = new Option(recognized ? languageName(code) : `${languageName(code)} (needs its subtitles)`, code);
      option.dataset.recognized = String(recognized);
      return option;
    }));
  // The first language whose speech is recognized, also after the form is reset.
  const firstRecognized = [...source.options].find((option) => option.dataset.recognized === "true");
  if (firstRecognized) firstRecognized.defaultSelected = firstRecognized.selected = true;
  source.disabled = false;

  $("subtitle-modes").replaceChildren(...capabilities.subtitle_modes.map((mode, index) => {
    const label = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "radio", name: "subtitles", value: mode, checked: index === 0 });
    label.append(input, ` ${{ soft: "As tracks you can turn on and off", burned: "Drawn into the picture", none: "None" }[mode] ?? mode}`);
    return label;
  }));

  const megabytes = capabilities.max_upload_bytes / 1024 / 1024;
  $("limits").textContent = `Up to ${megabytes >= 1024 ? `${(megabytes / 1024).toFixed(0)} GB` : `${megabytes.toFixed(0)} MB`} and ${formatDuration(capabilities.max_media_seconds)}.`;
  showTargets();
}

/** The targets the chosen source can be translated into, as checkboxes. */
function showTargets() {
  const source = $("source").value;
  const pairs = capabilities.language_pairs.filter((pair) => source === "auto" || pair.source === source);
  const targets = [...new Map(pairs.map((pair) => [pair.target, pair])).values()].sort((a, b) => a.target.localeCompare(b.target));
  const list = $("target-list");
  const checked = new Set([...list.querySelectorAll("input:checked")].map((input) => input.value));
  list.replaceChildren(...targets.map((pair) => {
    const label = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "checkbox", name: "target", value: pair.target, checked: checked.has(pair.target) });
    label.append(input, ` ${languageName(pair.target)} `, Object.assign(document.createElement("span"), { className: "code", textContent: pair.target }));
    const notes = [pair.via ? `via ${languageName(pair.via)}` : null, pair.dubbed ? null : "subtitles only"].filter(Boolean);
    if (notes.length) label.append(Object.assign(document.createElement("span"), { className: "hint", textContent: ` (${notes.join(", ")})` }));
    return label;
  }));
  if (capabilities.any_language_pair) {
    const label = Object.assign(document.createElement("label"), { htmlFor: "other-targets", textContent: "Other languages (comma-separated codes)" });
    const input = Object.assign(document.createElement("input"), { id: "other-targets", type: "text", placeholder: "fr, de, ja" });
    list.append(label, input);
  }
  $("targets-hint").textContent = targets.length || capabilities.any_language_pair
    ? `Translated by ${capabilities.engines.translation}; dubbed by ${capabilities.engines.synthesis}.`
    : "This server cannot translate from this language.";
}

function chosenFile(file) {
  const input = $("file");
  if (file && input.files[0] !== file) {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
  }
  const chosen = input.files[0];
  $("file-name").textContent = chosen ? `${chosen.name} · ${formatBytes(chosen.size)}` : "";
}

function formData() {
  const file = $("file").files[0];
  const targets = [...$("target-list").querySelectorAll("input[name=target]:checked")].map((input) => input.value);
  const other = $("other-targets")?.value.split(",").map((code) => code.trim()).filter(Boolean) ?? [];
  const problems = {};
  if (!file) problems.file = ["Choose a video to translate."];
  else if (capabilities && file.size > capabilities.max_upload_bytes) problems.file = [`The file is ${formatBytes(file.size)}; this server takes at most ${formatBytes(capabilities.max_upload_bytes)}.`];
  if (targets.length + other.length === 0) problems.target_languages = ["Choose at least one language to translate into."];
  const glossary = {};
  for (const line of $("glossary").value.split("\n").map((text) => text.trim()).filter(Boolean)) {
    const [term, translation] = line.split("=").map((part) => part?.trim());
    if (!term || !translation) problems.glossary = [`"${line}" is not of the form term = translation.`];
    else glossary[term] = translation;
  }
  if (Object.keys(problems).length) throw new ApiError(400, { title: "Some fields need attention", errors: problems });

  const form = new FormData();
  form.append("source_language", $("source").value || "en");
  form.append("target_languages", [...targets, ...other].join(","));
  form.append("dub", String($("dub").checked));
  form.append("keep_original_audio", String($("keep-original").checked));
  form.append("subtitles", document.querySelector("input[name=subtitles]:checked")?.value ?? "soft");
  if (Object.keys(glossary).length) form.append("glossary", JSON.stringify(glossary));
  const subtitles = $("source-subtitles").files[0];
  if (subtitles) form.append("source_subtitles", subtitles);
  form.append("file", file); // last: the server reads the fields before the large part
  return form;
}

async function submit(event) {
  event.preventDefault();
  clearError();
  const button = $("submit");
  const progress = $("upload-progress");
  try {
    const form = formData();
    button.disabled = true;
    button.textContent = "Uploading…";
    progress.hidden = false;
    progress.value = 0;
    const job = await api.upload(form, (fraction) => (progress.value = fraction));
    $("upload-form").reset();
    chosenFile(null);
    showTargets();
    location.hash = `#/jobs/${job.id}`;
    await loadJobs();
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
    button.textContent = "Translate";
    progress.hidden = true;
  }
}

// ---- One job, live -------------------------------------------------------------------------------------------------

async function openJob(id) {
  following?.abort();
  following = new AbortController();
  const signal = following.signal;
  const section = $("job");
  section.hidden = false;
  $("player").hidden = true;
  $("downloads").hidden = true;
  $("editor").hidden = true;
  player.reset();

  const job = await attempt(() => api.job(id));
  if (!job || signal.aborted) {
    section.hidden = !job;
    return;
  }
  showJob(job);
  section.scrollIntoView({ behavior: "smooth", block: "start" });
  $("job-title").focus?.();

  let last = job;
  if (!isTerminal(job.status)) {
    try {
      for await (const event of api.events(id, signal)) {
        last = event.job;
        showJob(last);
      }
    } catch (error) {
      showError(error);
      return;
    }
    if (signal.aborted) return;
    updateRow(last);
  }
  if (last.status === "completed") await showResults(last, signal);
}

function showJob(job) {
  $("job-title").textContent = job.file_name ?? job.id;
  $("job-meta").textContent = `${languageName(job.source_language)} → ${job.target_languages.map(languageName).join(", ")} · job ${job.id}`;
  const status = $("job-status");
  status.textContent = job.status;
  status.dataset.status = job.status;
  const running = !isTerminal(job.status);
  $("job-stage").textContent = running ? `${stages[job.stage] ?? job.stage} · ${Math.round(job.progress * 100)}%${eta(job)}` : "";
  const progress = $("job-progress");
  progress.value = job.progress;
  progress.hidden = !running;
  const error = $("job-error");
  error.hidden = !job.error;
  error.textContent = job.error ? `${job.error.message} (${job.error.code})` : "";
  $("cancel-job").hidden = !running;
  $("delete-job").hidden = running;
  updateRow(job);
}

function eta(job) {
  return job.eta_seconds > 0 ? ` · about ${formatDuration(job.eta_seconds)} left` : "";
}

async function showResults(job, signal) {
  const artifacts = await attempt(() => api.artifacts(job.id));
  if (!artifacts || signal.aborted) return;
  $("artifacts").replaceChildren(...artifacts.map((artifact) => {
    const item = document.createElement("li");
    const link = Object.assign(document.createElement("a"), { href: artifact.url, textContent: artifact.name, download: artifact.name });
    link.addEventListener("click", (event) => download(event, artifact));
    item.append(link, Object.assign(document.createElement("span"), { className: "hint", textContent: ` ${describe(artifact)} · ${formatBytes(artifact.size)}` }));
    return item;
  }));
  $("downloads").hidden = artifacts.length === 0; // a seed job (simulated) makes no files
  $("player").hidden = !(await attempt(() => player.load(job, artifacts)));
  if (job.options) await showEditor(job, signal);
}

// ---- Correcting a job ----------------------------------------------------------------------------------------------

let editing = null; // { job, track, etag, cues, speakers, voices }

async function showEditor(job, signal) {
  const select = $("cue-track");
  const previous = editing?.job.id === job.id ? select.value : null;
  select.replaceChildren(
    ...job.target_languages.map((language) => new Option(languageName(language), language)),
    new Option(`${languageName(job.source_language)} (original)`, "source"));
  select.value = previous ?? job.target_languages[0];
  editing = { job };
  $("editor").hidden = !(await loadCues(signal));
}

async function loadCues(signal) {
  const loaded = await attempt(() => api.cues(editing.job.id, $("cue-track").value));
  if (!loaded || signal?.aborted) return false;
  Object.assign(editing, { track: loaded.track.track, etag: loaded.etag, cues: loaded.track.cues, speakers: editing.job.speakers ?? [], voices: loaded.track.voices });
  $("cue-list").replaceChildren(...loaded.track.cues.map(cueItem));
  await showVoices(signal);
  $("save-cues").disabled = true;
  $("cue-status").textContent = loaded.track.changed
    ? `Revision ${loaded.track.revision}, with saved changes: render to hear them.`
    : `Revision ${loaded.track.revision}.`;
  return true;
}

function cueItem(cue) {
  const item = document.createElement("li");
  const time = Object.assign(document.createElement("button"), { type: "button", className: "cue-time link", textContent: formatTime(cue.start) });
  time.setAttribute("aria-label", `Play from ${formatTime(cue.start)}`);
  time.addEventListener("click", () => {
    const video = $("video");
    video.currentTime = cue.start;
    video.play().catch(() => {}); // a browser may refuse to play without a gesture it counts; the seek stands
  });
  const text = Object.assign(document.createElement("input"), { type: "text", value: cue.text });
  text.dataset.id = cue.id;
  text.setAttribute("aria-label", `Text of cue ${cue.id}`);
  text.addEventListener("input", () => {
    text.classList.toggle("changed", text.value !== cue.text);
    $("save-cues").disabled = !document.querySelector("#cue-list input.changed, #speaker-voice-list select.changed");
  });
  const flags = [cue.edited ? "edited" : null, cue.stale ? "source changed" : null].filter(Boolean).join(", ");
  item.append(time, speakerBadge(cue.speaker ?? "S1"), text, Object.assign(document.createElement("span"), { className: "hint", textContent: flags }));
  return item;
}

/** A speaker's badge: a colour of their own and their name (a provided subtitle's name, else S1, S2, ...). */
function speakerBadge(id) {
  const speaker = editing.speakers.find((s) => s.id === id);
  const badge = Object.assign(document.createElement("span"), { className: `speaker speaker-${id.slice(1)}`, textContent: speaker?.name ?? id });
  badge.title = speaker?.median_pitch_hz ? `${id}: speaks at about ${Math.round(speaker.median_pitch_hz)} Hz` : id;
  return badge;
}

/** On a target language's track: a voice picker per speaker, offering the synthesizer's voices for the language. */
async function showVoices(signal) {
  const box = $("speaker-voices");
  box.hidden = true;
  if (editing.track === "source" || !editing.job.options?.dub || editing.speakers.length === 0) return;
  const voices = await attempt(() => api.voices(editing.track));
  if (!voices || signal?.aborted) return;
  $("speaker-voice-list").replaceChildren(...editing.speakers.map((speaker) => {
    const label = document.createElement("label");
    const select = document.createElement("select");
    const current = editing.voices?.[speaker.id] ?? "";
    select.append(...voices.map((voice) => new Option(`${voice.name} (${Math.round(voice.pitch_hz)} Hz)`, voice.name)));
    if (current && !voices.some((voice) => voice.name === current)) select.append(new Option(current, current));
    select.value = current;
    select.dataset.speaker = speaker.id;
    select.dataset.voice = current;
    select.addEventListener("change", () => {
      select.classList.toggle("changed", select.value !== select.dataset.voice);
      $("save-cues").disabled = !document.querySelector("#cue-list input.changed, #speaker-voice-list select.changed");
    });
    label.append(speakerBadge(speaker.id), select);
    return label;
  }));
  box.hidden = false;
}

async function saveCues() {
  const changed = [...$("cue-list").querySelectorAll("input.changed")].map((input) => ({ id: input.dataset.id, text: input.value }));
  const voices = Object.fromEntries([...$("speaker-voice-list").querySelectorAll("select.changed")].map((select) => [select.dataset.speaker, select.value]));
  const voiceCount = Object.keys(voices).length;
  if (changed.length === 0 && voiceCount === 0) return;
  const saved = await attempt(() => api.editCues(editing.job.id, editing.track, changed, editing.etag, voiceCount > 0 ? voices : undefined));
  if (!saved) return;
  Object.assign(editing, { etag: saved.etag, cues: saved.track.cues, voices: saved.track.voices });
  $("cue-list").replaceChildren(...saved.track.cues.map(cueItem));
  await showVoices();
  $("save-cues").disabled = true;
  const parts = [changed.length ? `${changed.length} ${changed.length === 1 ? "cue" : "cues"}` : null, voiceCount ? `${voiceCount} ${voiceCount === 1 ? "voice" : "voices"}` : null];
  $("cue-status").textContent = `Saved ${parts.filter(Boolean).join(" and ")}: render to hear the changes.`;
}

async function renderJob() {
  if (!$("save-cues").disabled) await saveCues();
  const job = await attempt(() => api.render(editing.job.id));
  if (!job) return;
  $("editor").hidden = true;
  await openJob(job.id); // followed live like any job's work; the player and the cues reload when it completes
}

function formatTime(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - (minutes * 60)).toFixed(1).padStart(4, "0")}`;
}

/** With a key the plain link cannot carry it: download through a short-lived signed link instead. */
async function download(event, artifact) {
  if (!api.key) return;
  event.preventDefault();
  const url = await attempt(() => api.mediaUrl(artifact.url, 300));
  if (!url) return;
  Object.assign(document.createElement("a"), { href: url, download: artifact.name }).click();
}

function describe(artifact) {
  const what = {
    video: "translated video",
    original: "original upload",
    transcript: "transcript",
    srt: "subtitles (SRT)",
    vtt: "subtitles (WebVTT)",
    dub: "dubbed audio",
    dubbing_report: "dubbing report",
  }[artifact.kind] ?? artifact.kind;
  const described = artifact.language ? `${what}, ${languageName(artifact.language)}` : what;
  return artifact.revision ? `${described}, revision ${artifact.revision}` : described;
}

async function cancelJob() {
  const id = currentJobId();
  if (id) showJob((await attempt(() => api.cancel(id))) ?? (await api.job(id)));
}

async function deleteJob() {
  const id = currentJobId();
  if (!id || !confirm("Delete this job and all its files?")) return;
  if ((await attempt(() => api.delete(id))) !== undefined) {
    location.hash = "";
    await loadJobs();
  }
}

const currentJobId = () => /^#\/jobs\/([^/]+)$/.exec(location.hash)?.[1];

function route() {
  const id = currentJobId();
  if (id) {
    openJob(decodeURIComponent(id));
  } else {
    following?.abort();
    player.reset();
    $("job").hidden = true;
  }
}

// ---- The jobs list -------------------------------------------------------------------------------------------------

async function loadJobs(more = false) {
  const page = await attempt(() => api.jobs(more ? nextCursor : null));
  if (!page) return;
  const rows = $("job-rows");
  if (!more) rows.replaceChildren();
  for (const job of page.jobs) rows.append(row(job));
  nextCursor = page.next_cursor;
  $("more-jobs").hidden = !nextCursor;
  $("no-jobs").hidden = rows.childElementCount > 0;
  scheduleListRefresh();
}

/**
 * Jobs in the list that are still pending (other than the one followed live) are brought up to date every few
 * seconds while the page is visible: from the first page (one request for the newest twenty), then each pending job
 * shown from later pages on its own (rare: twenty newer jobs came after it); none once all have ended.
 */
function scheduleListRefresh() {
  clearTimeout(listTimer);
  if (waitingRows().length === 0) return;
  listTimer = setTimeout(async () => {
    if (!document.hidden) {
      const page = await api.jobs(null).catch(() => null);
      if (page) {
        page.jobs.forEach(updateRow);
        const onFirstPage = new Set(page.jobs.map((job) => job.id));
        const older = waitingRows().filter((id) => !onFirstPage.has(id));
        await Promise.all(older.map((id) => api.job(id).then(updateRow, () => null)));
      }
    }
    scheduleListRefresh();
  }, listRefreshMilliseconds);
}

/** The ids of the listed jobs still pending, but for the one followed live. */
const waitingRows = () =>
  [...$("job-rows").rows]
    .filter((tr) => tr.dataset.id !== currentJobId() && !isTerminal(tr.querySelector(".badge").dataset.status))
    .map((tr) => tr.dataset.id);

function row(job) {
  const tr = document.createElement("tr");
  tr.dataset.id = job.id;
  const link = Object.assign(document.createElement("a"), { href: `#/jobs/${job.id}`, textContent: job.file_name ?? job.id });
  const video = document.createElement("td");
  video.append(link);
  const status = Object.assign(document.createElement("span"), { className: "badge" });
  const statusCell = document.createElement("td");
  statusCell.append(status);
  tr.append(
    video,
    Object.assign(document.createElement("td"), { textContent: `${job.source_language} → ${job.target_languages.join(", ")}` }),
    statusCell,
    Object.assign(document.createElement("td"), { textContent: new Date(job.created_at).toLocaleString() }));
  setRowStatus(tr, job);
  return tr;
}

function setRowStatus(tr, job) {
  const badge = tr.querySelector(".badge");
  badge.dataset.status = job.status;
  badge.textContent = isTerminal(job.status) ? job.status : `${job.status} · ${Math.round(job.progress * 100)}%`;
}

function updateRow(job) {
  const tr = [...$("job-rows").rows].find((candidate) => candidate.dataset.id === job.id);
  if (tr) setRowStatus(tr, job);
}

// ---- The key -------------------------------------------------------------------------------------------------------

function openKeyDialog() {
  const dialog = $("key-dialog");
  if (dialog.open) return;
  $("key").value = api.key;
  dialog.showModal();
}

function closeKeyDialog() {
  const dialog = $("key-dialog");
  if (dialog.returnValue === "save") api.key = $("key").value.trim();
  else if (dialog.returnValue === "forget") api.key = "";
  else return;
  clearError();
  start();
}

// ---- Formatting ----------------------------------------------------------------------------------------------------

function formatBytes(bytes) {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 10 ? 0 : 1)} ${units[unit]}`;
}

function formatDuration(seconds) {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(seconds % 3600 ? 1 : 0)} h`;
}

// ---- Wiring --------------------------------------------------------------------------------------------------------

function start() {
  loadCapabilities();
  loadJobs();
  route();
}

const zone = $("drop-zone");
zone.addEventListener("dragover", (event) => {
  event.preventDefault();
  zone.classList.add("dragging");
});
zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
zone.addEventListener("drop", (event) => {
  event.preventDefault();
  zone.classList.remove("dragging");
  const file = event.dataTransfer?.files[0];
  if (file) chosenFile(file);
});
$("file").addEventListener("change", () => chosenFile(null));
$("source").addEventListener("change", showTargets);
$("upload-form").addEventListener("submit", submit);
$("cancel-job").addEventListener("click", cancelJob);
$("delete-job").addEventListener("click", deleteJob);
$("cue-track").addEventListener("change", () => loadCues());
$("save-cues").addEventListener("click", saveCues);
$("render-job").addEventListener("click", renderJob);
$("refresh-jobs").addEventListener("click", () => loadJobs());
$("more-jobs").addEventListener("click", () => loadJobs(true));
$("key-button").addEventListener("click", openKeyDialog);
$("key-dialog").addEventListener("close", closeKeyDialog);
window.addEventListener("hashchange", route);
start();
