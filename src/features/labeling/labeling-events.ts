import type { StoredImage } from '../dataset/dataset-store.ts';

/** The user picked a photo in the gallery. */
export class ImageSelectEvent extends Event {
  static readonly eventName = 'tama-image-select';
  constructor(readonly id: string) {
    super(ImageSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The editor stored a changed photo (boxes, "no ball" mark). */
export class ImageSavedEvent extends Event {
  static readonly eventName = 'tama-image-saved';
  constructor(readonly image: StoredImage) {
    super(ImageSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Next (+1) or previous (-1) photo, from the buttons or the N / P keys. */
export class NavigateEvent extends Event {
  static readonly eventName = 'tama-navigate';
  constructor(readonly step: 1 | -1) {
    super(NavigateEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The user asked to delete the photo shown in the editor. */
export class ImageDeleteEvent extends Event {
  static readonly eventName = 'tama-image-delete';
  constructor(readonly image: StoredImage) {
    super(ImageDeleteEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [ImageSelectEvent.eventName]: ImageSelectEvent;
    [ImageSavedEvent.eventName]: ImageSavedEvent;
    [NavigateEvent.eventName]: NavigateEvent;
    [ImageDeleteEvent.eventName]: ImageDeleteEvent;
  }
}

/** The gallery's filter changed. */
export class GalleryFilterEvent extends Event {
  static readonly eventName = 'tama-gallery-filter';
  constructor(readonly filter: string) {
    super(GalleryFilterEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The user added a class (e.g. テニスボール); the list is saved with the dataset settings. */
export class ClassesChangeEvent extends Event {
  static readonly eventName = 'tama-classes-change';
  constructor(readonly classes: string[]) {
    super(ClassesChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [GalleryFilterEvent.eventName]: GalleryFilterEvent;
    [ClassesChangeEvent.eventName]: ClassesChangeEvent;
  }
}
