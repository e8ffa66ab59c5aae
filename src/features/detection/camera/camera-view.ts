import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing } from 'lit';
import { CameraController, type Resolution } from './camera-controller.ts';
import { describeCameraError } from './camera-error.ts';
import { CameraSourceEvent } from './camera-source-event.ts';
import { cameraViewStyles } from './camera-view.styles.ts';

/** Why a chosen file shows nothing: not a picture at all, or a photo / video the browser cannot decode. */
type FileProblem = 'type' | 'image' | 'video';

/**
 * The camera (rear one by default), or a video or photo file instead, shown with object-fit: contain.
 * Explains every camera failure and every file it cannot show, and offers the file path whenever the
 * camera is not running (while it runs, a file picker would only raise "which one is showing?").
 * With `fill` the picture takes the element's whole box instead of keeping its own aspect ratio.
 * @fires tama-camera-source - the picture to detect on changed (or went away)
 * @slot - drawn over the picture, e.g. a <detection-overlay>
 */
export class CameraView extends LitElement {
  static override properties = {
    _file: { state: true },
    _fileProblem: { state: true },
    _resolution: { state: true },
    fill: { type: Boolean, reflect: true },
  };
  static override styles = cameraViewStyles;

  readonly camera = new CameraController(this);
  declare private _file: { url: string; kind: 'video' | 'image' } | undefined;
  declare private _resolution: Resolution;
  declare private _fileProblem: { kind: FileProblem; name: string } | undefined;
  declare fill: boolean;
  private _fileName = '';
  private _announced: HTMLVideoElement | HTMLImageElement | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this._resolution = 'low';
    this.fill = false;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._clearFile();
    this._announce(undefined);
  }

  /** Starts the camera; also what "Try again" does. */
  start(deviceId?: string) {
    this._clearFile();
    this._fileProblem = undefined;
    return this.camera.start({ resolution: this._resolution, ...(deviceId ? { deviceId } : {}) });
  }

  stop() {
    this.camera.stop();
    this._clearFile();
    this._announce(undefined);
  }

  override updated() {
    const video = this.renderRoot.querySelector('video');
    if (video && this.camera.stream && video.srcObject !== this.camera.stream) {
      video.srcObject = this.camera.stream;
      // iOS Safari plays only muted, inline videos that are in the document before play().
      void video.play().catch(() => {});
    }
    if (!this.camera.stream && !this._file) this._announce(undefined);
  }

  private _announce(source: HTMLVideoElement | HTMLImageElement | undefined) {
    if (source === this._announced) return;
    this._announced = source;
    this.dispatchEvent(new CameraSourceEvent(source));
  }

  private _clearFile() {
    if (this._file) URL.revokeObjectURL(this._file.url);
    this._file = undefined;
  }

  private _onFile(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.camera.stop();
    this._clearFile();
    this._fileName = file.name;
    // The picker's accept= is only a hint: "all files" on a phone lets anything through.
    const kind = file.type.startsWith('video/') ? 'video' : file.type.startsWith('image/') ? 'image' : undefined;
    if (!kind) {
      this._fileProblem = { kind: 'type', name: file.name };
      return;
    }
    this._fileProblem = undefined;
    this._file = { url: URL.createObjectURL(file), kind };
  }

  private _onFileUnreadable(kind: 'image' | 'video') {
    this._clearFile();
    this._fileProblem = { kind, name: this._fileName };
  }

  private _onPictureReady(event: Event) {
    const element = event.target as HTMLVideoElement | HTMLImageElement;
    this.style.setProperty(
      '--camera-aspect',
      element instanceof HTMLVideoElement
        ? `${element.videoWidth} / ${element.videoHeight}`
        : `${element.naturalWidth} / ${element.naturalHeight}`,
    );
    this._announce(element);
  }

  private _renderFilePicker(label: string) {
    return html`<label class="file">${label}
      <input type="file" accept="video/*,image/*" @change=${this._onFile} />
    </label>`;
  }

  private _renderPicture() {
    if (this._file?.kind === 'image') {
      return html`<img src=${this._file.url} alt=${msg('Chosen photo', { id: 'camera.photo' })} @load=${this._onPictureReady} @error=${() => this._onFileUnreadable('image')} />`;
    }
    if (this._file) {
      return html`<video src=${this._file.url} muted playsinline autoplay loop @loadeddata=${this._onPictureReady}
        @error=${() => this._onFileUnreadable('video')}></video>`;
    }
    if (this.camera.stream) return html`<video muted playsinline autoplay @loadeddata=${this._onPictureReady}></video>`;
    return nothing;
  }

  private _renderPanel() {
    const fileLabel = msg('Use a video or photo file', { id: 'camera.useFile' });
    if (this.camera.error) {
      const { title, advice } = describeCameraError(this.camera.error);
      return html`<div class="panel" role="alert" data-camera-error=${this.camera.error.kind}>
        <h2>${title}</h2>
        <p>${advice}</p>
        <div class="controls">
          <button class="primary" @click=${() => this.start()}>${msg('Try again', { id: 'camera.retry' })}</button>
          ${this._renderFilePicker(fileLabel)}
        </div>
      </div>`;
    }
    if (this.camera.stream || this._file) return nothing;
    return html`<div class="panel">
      <p>${msg('Camera images stay on this device.', { id: 'camera.privacy' })}</p>
      <div class="controls">
        <button class="primary" ?disabled=${this.camera.starting} @click=${() => this.start()}>
          ${this.camera.starting ? msg('Starting the camera…', { id: 'camera.starting' }) : msg('Start camera', { id: 'camera.start' })}
        </button>
        ${this._renderFilePicker(fileLabel)}
      </div>
    </div>`;
  }

  private _renderFileProblem() {
    const problem = this._fileProblem;
    if (!problem) return nothing;
    const advice = {
      type: msg('This is not a photo or a video. Choose a photo (JPEG, PNG…) or a video (MP4, WebM…).', {
        id: 'camera.file.notPicture',
      }),
      image: msg('This photo could not be read: it is damaged or in a format this browser cannot show.', {
        id: 'camera.file.badImage',
      }),
      video: msg('This video could not be played: it is damaged or in a format this browser cannot play.', {
        id: 'camera.file.badVideo',
      }),
    }[problem.kind];
    return html`<div class="file-problem" role="alert" data-file-problem=${problem.kind}>
      <strong>${problem.name}</strong>
      <span>${advice}</span>
    </div>`;
  }

  private _renderControls() {
    if (!this.camera.stream && !this._file) return nothing;
    const current = this.camera.deviceId;
    return html`<div class="controls">
      ${
        this.camera.devices.length > 1
          ? html`<select aria-label=${msg('Camera', { id: 'camera.choose' })} @change=${(e: Event) => this.start((e.target as HTMLSelectElement).value)}>
            ${this.camera.devices.map(
              (device, i) => html`<option value=${device.deviceId} ?selected=${device.deviceId === current}>
                ${device.label || `${msg('Camera', { id: 'camera.choose' })} ${i + 1}`}
              </option>`,
            )}
          </select>`
          : nothing
      }
      ${
        this.camera.stream
          ? html`<select
              aria-label=${msg('Resolution', { id: 'camera.resolution' })}
              @change=${(e: Event) => {
                this._resolution = (e.target as HTMLSelectElement).value as Resolution;
                void this.start(current);
              }}
            >
              <option value="low" ?selected=${this._resolution === 'low'}>640×480</option>
              <option value="medium" ?selected=${this._resolution === 'medium'}>1280×720</option>
              <option value="high" ?selected=${this._resolution === 'high'}>1920×1080</option>
            </select>`
          : nothing
      }
      ${this._file ? this._renderFilePicker(msg('Other file', { id: 'camera.otherFile' })) : nothing}
      <button @click=${() => this.stop()}>${msg('Stop', { id: 'camera.stop' })}</button>
    </div>`;
  }

  override render() {
    return html`<div class="stage">${this._renderPicture()}<slot></slot>${this._renderPanel()}</div>
      ${this._renderFileProblem()} ${this._renderControls()}`;
  }
}

customElements.define('camera-view', CameraView);

declare global {
  interface HTMLElementTagNameMap {
    'camera-view': CameraView;
  }
}
