/**
 * Declares an app event: bubbling and composed (it crosses shadow roots up to the page), carrying one
 * typed `detail`. Usage: `export class BoxesChangeEvent extends appEvent<LabeledBox[]>()('tama-boxes-change') {}`
 * and, for typed listeners, the event's name in `GlobalEventHandlersEventMap`.
 */
export function appEvent<Detail>() {
  return <Name extends string>(name: Name) =>
    class AppEvent extends Event {
      static readonly eventName: Name = name;
      constructor(readonly detail: Detail) {
        super(name, { bubbles: true, composed: true });
      }
    };
}
