import type { DatasetSettings } from '../../dataset/dataset-settings.ts';
import type { StoredImage } from '../../dataset/dataset-store.ts';
import type { FixAction } from '../../dataset/label-review.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';
import { appEvent } from '../../shared/typed-event.ts';
import type { ContributorFilter } from './contributor-filter.ts';

/** The user picked a photo in the gallery. */
export class ImageSelectEvent extends appEvent<string>()('tama-image-select') {}

/** The editor stored a changed photo (boxes, "no ball" mark). */
export class ImageSavedEvent extends appEvent<StoredImage>()('tama-image-saved') {}

/** Next (+1) or previous (-1) photo, from the buttons or the N / P keys. */
export class NavigateEvent extends appEvent<1 | -1>()('tama-navigate') {}

/** The user asked to delete the photo shown in the editor. */
export class ImageDeleteEvent extends appEvent<StoredImage>()('tama-image-delete') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [ImageSelectEvent.eventName]: ImageSelectEvent;
    [ImageSavedEvent.eventName]: ImageSavedEvent;
    [NavigateEvent.eventName]: NavigateEvent;
    [ImageDeleteEvent.eventName]: ImageDeleteEvent;
  }
}

/** The gallery's filter changed. */
export class GalleryFilterEvent extends appEvent<string>()('tama-gallery-filter') {}

/** The gallery's "who took it" filter changed. */
export class ContributorFilterEvent extends appEvent<ContributorFilter>()('tama-contributor-filter') {}

/** The user added a class (e.g. テニスボール); the list is saved with the dataset settings. */
export class ClassesChangeEvent extends appEvent<string[]>()('tama-classes-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [GalleryFilterEvent.eventName]: GalleryFilterEvent;
    [ClassesChangeEvent.eventName]: ClassesChangeEvent;
    [ContributorFilterEvent.eventName]: ContributorFilterEvent;
  }
}

/** The editor's own view (on phones) was asked to close. */
export class EditorCloseEvent extends appEvent<void>()('tama-editor-close') {}

/** Open the editor on a photo (its id), e.g. the first of an import. */
export class EditorOpenEvent extends appEvent<string | undefined>()('tama-editor-open') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [EditorCloseEvent.eventName]: EditorCloseEvent;
    [EditorOpenEvent.eventName]: EditorOpenEvent;
  }
}

/** The user changed the split or import settings. */
export class SettingsChangeEvent extends appEvent<DatasetSettings>()('tama-settings-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [SettingsChangeEvent.eventName]: SettingsChangeEvent;
  }
}

/** A decision on a suspect of the label check: a one-tap fix, or "the label was right". */
export class SuspectDecideEvent extends appEvent<{ suspect: PhotoSuspect; action: FixAction }>()(
  'tama-suspect-decide',
) {}

/** Leave the review queue of the label check. */
export class ReviewEndEvent extends appEvent<void>()('tama-review-end') {}

declare global {
  interface GlobalEventHandlersEventMap {
    [SuspectDecideEvent.eventName]: SuspectDecideEvent;
    [ReviewEndEvent.eventName]: ReviewEndEvent;
  }
}
