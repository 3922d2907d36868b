// Plays a finished job: the translated video with each dub and the original sound to choose from, and its subtitles.

/**
 * Browsers that can switch a file's audio tracks (video.audioTracks: Safari, Chromium with AudioVideoTracks) switch
 * the tracks of the output video, which the muxer writes as each target's dub in order, then the original. The
 * others keep the video's default track (the first dub) or mute it and play the chosen track beside it in sync:
 * another language's dub (<lang>.dub.m4a) or the original upload's sound.
 */
export class Player {
  constructor(elements, api, languageName) {
    Object.assign(this, elements, { api, languageName });
    this.external = false;
    this.syncAudio();
    this.audioSelect.addEventListener("change", () => this.chooseAudio(this.audioSelect.value));
    this.subtitleSelect.addEventListener("change", () => this.chooseSubtitles(this.subtitleSelect.value));
  }

  /** Shows the job's output; false when it has no video to play. */
  async load(job, artifacts) {
    this.reset();
    artifacts = artifacts.filter((artifact) => artifact.revision == null); // earlier renders' files are downloads only
    const video = artifacts.find((artifact) => artifact.kind === "video");
    if (!video) return false;

    const dubs = job.target_languages
      .map((language) => artifacts.find((artifact) => artifact.kind === "dub" && artifact.language === language))
      .filter(Boolean);
    this.sources = new Map();
    const choices = dubs.map((dub, index) => ({ value: `dub:${dub.language}`, label: `${this.languageName(dub.language)} (dubbed)`, track: index, artifact: dub }));
    const original = artifacts.find((artifact) => artifact.kind === "original");
    if (job.options?.keep_original_audio || dubs.length === 0) {
      choices.push({ value: "original", label: `${this.languageName(job.source_language)} (original)`, track: dubs.length, artifact: original });
    }
    for (const choice of choices) this.sources.set(choice.value, choice);
    this.audioSelect.replaceChildren(...choices.map((choice) => new Option(choice.label, choice.value)));
    this.audioSelect.disabled = choices.length < 2;

    const subtitles = artifacts.filter((artifact) => artifact.kind === "vtt");
    for (const artifact of subtitles) {
      const track = document.createElement("track");
      track.kind = "subtitles";
      track.srclang = artifact.language ?? job.source_language;
      track.label = artifact.language ? this.languageName(artifact.language) : `${this.languageName(job.source_language)} (original)`;
      track.src = await this.url(artifact.url);
      this.video.append(track);
    }
    this.subtitleSelect.replaceChildren(
      new Option("Off", ""),
      ...subtitles.map((artifact, index) => new Option(this.video.querySelectorAll("track")[index].label, String(index))));
    this.subtitleSelect.disabled = subtitles.length === 0;

    this.video.src = await this.url(video.url);
    // The first translation's subtitles are on from the start (the reason to translate is to read or hear it),
    // unless they are already drawn into the picture.
    const burned = job.options?.subtitles === "burned";
    const first = burned ? -1 : subtitles.findIndex((artifact) => artifact.language === job.target_languages[0]);
    this.subtitleSelect.value = first >= 0 ? String(first) : "";
    this.video.addEventListener("loadedmetadata", () => this.chooseSubtitles(this.subtitleSelect.value), { once: true });
    this.chooseAudio(choices[0]?.value);
    return true;
  }

  reset() {
    this.video.pause();
    this.audio.pause();
    this.video.removeAttribute("src");
    this.audio.removeAttribute("src");
    this.video.querySelectorAll("track").forEach((track) => track.remove());
    this.external = false;
  }

  url(path) {
    return this.api.mediaUrl(path);
  }

  async chooseAudio(value) {
    const choice = this.sources.get(value);
    if (!choice) return;
    this.audioSelect.value = value;
    const tracks = this.video.audioTracks;
    if (tracks && tracks.length > choice.track) {
      for (let i = 0; i < tracks.length; i++) tracks[i].enabled = i === choice.track;
      this.useExternal(null);
    } else if (choice.track === 0) {
      this.useExternal(null); // the video's own default track
    } else if (choice.artifact) {
      this.useExternal(await this.url(choice.artifact.url));
    }
  }

  chooseSubtitles(value) {
    const tracks = this.video.textTracks;
    for (let i = 0; i < tracks.length; i++) tracks[i].mode = String(i) === value ? "showing" : "disabled";
  }

  /** Plays <url> beside the muted video, or (null) the video's own sound. */
  useExternal(url) {
    this.external = Boolean(url);
    this.audio.pause();
    if (url) {
      this.audio.src = url;
      this.audio.currentTime = this.video.currentTime;
      this.video.muted = true;
      if (!this.video.paused) this.audio.play().catch(() => {});
    } else {
      this.audio.removeAttribute("src");
      this.video.muted = false;
    }
  }

  /** Keeps the side track with the video: play, pause, seek, speed, volume, and drift beyond a few frames. */
  syncAudio() {
    const { video, audio } = this;
    const follow = () => {
      if (!this.external) return;
      if (Math.abs(audio.currentTime - video.currentTime) > 0.25) audio.currentTime = video.currentTime;
    };
    video.addEventListener("play", () => {
      if (!this.external) return;
      follow();
      audio.play().catch(() => {});
    });
    video.addEventListener("pause", () => audio.pause());
    video.addEventListener("seeked", follow);
    video.addEventListener("timeupdate", follow);
    video.addEventListener("ratechange", () => (audio.playbackRate = video.playbackRate));
    video.addEventListener("volumechange", () => {
      audio.volume = video.volume;
      if (this.external && !video.muted) {
        // The mute button speaks for the chosen track: the video itself stays silent.
        audio.muted = false;
        video.muted = true;
      }
    });
  }
}
