import { msg } from '@lit/localize';

export type Stage = 'backend' | 'model' | 'offline' | 'dataset';

function stageLabel(stage: Stage): string {
  switch (stage) {
    case 'backend':
      return msg('Backend error', { id: 'error.stage.backend' });
    case 'model':
      return msg('Model error', { id: 'error.stage.model' });
    case 'offline':
      return msg('Offline error', { id: 'error.stage.offline' });
    case 'dataset':
      return msg('Dataset error', { id: 'error.stage.dataset' });
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** "Model error: …" — every error shown to the user names the stage it came from. */
export function describeError(stage: Stage, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `${stageLabel(stage)}: ${detail}`;
}
