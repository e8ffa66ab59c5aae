// The Label page's review queue of the label check: which photos are in it (worst first), the suspects
// of each, and what a decision does — the fix stored with the photo, the decision remembered, and the
// editor moved on once a photo has nothing left to look at.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DatasetStore, StoredImage } from '../../dataset/dataset-store.ts';
import {
  applyFix,
  type FixAction,
  lastCheck,
  pendingSuspects,
  rememberDecision,
  reviewDecisions,
  reviewOrder,
} from '../../dataset/label-review.ts';
import type { PhotoSuspect } from '../../dataset/suspect-ranking.ts';

export class ReviewController implements ReactiveController {
  active = false;
  private check = lastCheck.get();
  private decisions = reviewDecisions.get();
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    this.unsubscribe = [
      lastCheck.subscribe((check) => {
        this.check = check;
        this.host.requestUpdate();
      }),
      reviewDecisions.subscribe((decisions) => {
        this.decisions = decisions;
        this.host.requestUpdate();
      }),
    ];
  }

  hostDisconnected() {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  pending(images: readonly StoredImage[]): PhotoSuspect[] {
    return pendingSuspects(this.check, this.decisions, images);
  }

  /** The photos still in the queue, worst first. */
  queue(images: readonly StoredImage[]): StoredImage[] {
    const byId = new Map(images.map((image) => [image.id, image]));
    return reviewOrder(this.pending(images)).flatMap((id) => byId.get(id) ?? []);
  }

  suspectsOf(id: string | undefined, images: readonly StoredImage[]): PhotoSuspect[] {
    return this.active && id ? this.pending(images).filter((suspect) => suspect.imageId === id) : [];
  }

  start() {
    this.active = true;
    this.host.requestUpdate();
  }

  stop() {
    this.active = false;
    this.host.requestUpdate();
  }

  /**
   * Stores the fix on `image` (none for "keep") and remembers the decision; returns the photo as it now
   * is, and the photo to show next: the same while it has suspects left, else the next in the queue.
   */
  async decide(
    store: DatasetStore,
    images: readonly StoredImage[],
    image: StoredImage,
    suspect: PhotoSuspect,
    action: FixAction,
  ): Promise<{ image: StoredImage; next: string | undefined }> {
    const before = this.queue(images).map((photo) => photo.id);
    const boxes = applyFix(image.boxes, suspect, action);
    const fixed: StoredImage = { ...image, boxes, negative: boxes.length ? false : image.negative };
    if (action !== 'keep') await store.put(fixed);
    rememberDecision(suspect, action);
    this.decisions = reviewDecisions.get();
    const after = this.queue(images.map((photo) => (photo.id === fixed.id ? fixed : photo))).map((photo) => photo.id);
    if (after.includes(fixed.id)) return { image: fixed, next: fixed.id };
    const place = before.indexOf(fixed.id);
    const next = before.slice(place + 1).find((id) => after.includes(id)) ?? after[0];
    return { image: fixed, next };
  }
}
