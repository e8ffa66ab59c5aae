import { expect } from '@esm-bundle/chai';
import { LitElement } from 'lit';
import { beginWork, reloadIfIdle, trackWork, workInProgress } from './work-in-progress.ts';

class WorkingElement extends LitElement {
  static override properties = { working: { type: Boolean } };
  declare working: boolean;
  constructor() {
    super();
    this.working = false;
    trackWork(this, 'training', () => this.working);
  }
}
customElements.define('working-element', WorkingElement);

describe('work in progress', () => {
  it('counts each registration until it ends; ending twice is harmless', () => {
    const endLive = beginWork('live');
    const endOtherLive = beginWork('live');
    const endLabeling = beginWork('labeling');
    expect(workInProgress()).to.have.members(['live', 'labeling']);
    endLive();
    endLive();
    expect(workInProgress()).to.have.members(['live', 'labeling']);
    endOtherLive();
    endLabeling();
    expect(workInProgress()).to.deep.equal([]);
  });

  it('an element registers while it works and never past its removal', async () => {
    const element = new WorkingElement();
    document.body.append(element);
    await element.updateComplete;
    expect(workInProgress()).to.deep.equal([]);
    element.working = true;
    await element.updateComplete;
    expect(workInProgress()).to.deep.equal(['training']);
    element.working = false;
    await element.updateComplete;
    expect(workInProgress()).to.deep.equal([]);
    element.working = true;
    await element.updateComplete;
    element.remove();
    expect(workInProgress()).to.deep.equal([]);
  });

  it('a reload nobody asked for does not happen while work is in progress', () => {
    const end = beginWork('live');
    try {
      // With work in progress this returns before location.reload(), which would end this test page.
      expect(reloadIfIdle()).to.equal(false);
    } finally {
      end();
    }
  });
});
