// The ways photos reach the Label page besides its buttons' own file pickers: pasted anywhere on the
// page, dropped on it (with the drop zone lit while dragging), or picked (a photo just taken opens in
// the editor). Each hands the files to `take`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type TakeFiles = (files: File[], options?: { open?: boolean }) => void;

export class FileIntakeController implements ReactiveController {
  dragging = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly take: TakeFiles,
  ) {
    host.addController(this);
  }

  hostConnected() {
    document.addEventListener('paste', this.onPaste);
  }

  hostDisconnected() {
    document.removeEventListener('paste', this.onPaste);
  }

  private setDragging(dragging: boolean) {
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  readonly onPaste = (event: ClipboardEvent) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    this.take(files);
  };

  readonly onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.setDragging(true);
  };

  readonly onDragLeave = () => this.setDragging(false);

  readonly onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.setDragging(false);
    this.take([...(event.dataTransfer?.files ?? [])]);
  };

  readonly onPick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    // A photo just taken is there to be labelled: it opens in the editor.
    this.take(files, { open: input.hasAttribute('capture') });
  };
}
