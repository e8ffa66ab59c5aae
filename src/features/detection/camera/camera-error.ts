import { msg } from '@lit/localize';

export type CameraErrorKind = 'insecure' | 'unsupported' | 'denied' | 'no-camera' | 'busy' | 'constraints' | 'unknown';

/** A camera failure the UI can explain, with what to do about it. */
export class CameraError extends Error {
  override name = 'CameraError';
  constructor(
    readonly kind: CameraErrorKind,
    detail?: string,
  ) {
    super(detail ?? kind);
  }

  /** Maps getUserMedia's DOMException names to the cases a user can act on. */
  static from(error: unknown): CameraError {
    if (error instanceof CameraError) return error;
    const name = error instanceof DOMException || error instanceof Error ? error.name : '';
    // i18n-ok: the technical detail for a bug report; the screen shows describeCameraError()'s words
    const detail = error instanceof Error ? error.message : String(error);
    switch (name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return new CameraError('denied', detail);
      case 'NotFoundError':
      case 'DevicesNotFoundError':
        return new CameraError('no-camera', detail);
      case 'NotReadableError':
      case 'TrackStartError':
      case 'AbortError':
        return new CameraError('busy', detail);
      case 'OverconstrainedError':
      case 'ConstraintNotSatisfiedError':
        return new CameraError('constraints', detail);
      default:
        return new CameraError('unknown', detail);
    }
  }
}

export function describeCameraError(error: CameraError): { title: string; advice: string } {
  switch (error.kind) {
    case 'insecure':
      return {
        title: msg('The camera needs a secure page', { id: 'camera.error.insecure.title' }),
        advice: msg(
          'Browsers open the camera only on https:// or http://localhost. On a phone, start the app with `npm run start:lan` and open its https:// address.',
          { id: 'camera.error.insecure.advice' },
        ),
      };
    case 'unsupported':
      return {
        title: msg('This browser cannot open a camera', { id: 'camera.error.unsupported.title' }),
        advice: msg('Use a recent Chrome, Safari or Firefox, or choose a video or photo file below.', {
          id: 'camera.error.unsupported.advice',
        }),
      };
    case 'denied':
      return {
        title: msg('Camera permission was denied', { id: 'camera.error.denied.title' }),
        advice: msg('Allow the camera in the address bar or the site settings, then press “Try again”.', {
          id: 'camera.error.denied.advice',
        }),
      };
    case 'no-camera':
      return {
        title: msg('No camera was found', { id: 'camera.error.noCamera.title' }),
        advice: msg('Connect a camera, or choose a video or photo file below.', { id: 'camera.error.noCamera.advice' }),
      };
    case 'busy':
      return {
        title: msg('The camera is busy', { id: 'camera.error.busy.title' }),
        advice: msg('Another app or tab is using it. Close that, then press “Try again”.', {
          id: 'camera.error.busy.advice',
        }),
      };
    case 'constraints':
      return {
        title: msg('The camera cannot do this resolution', { id: 'camera.error.constraints.title' }),
        advice: msg('Pick a lower resolution or another camera.', { id: 'camera.error.constraints.advice' }),
      };
    case 'unknown':
      return {
        title: msg('The camera could not start', { id: 'camera.error.unknown.title' }),
        advice: msg('Press “Try again”, or choose a video or photo file below.', { id: 'camera.error.unknown.advice' }),
      };
  }
}
