// Long work on the frozen COCO-SSD graph inside a worker (a training run, the label checker's fits):
// the graph, its anchors as a tensor and as numbers, and pause / cancel between pieces of work.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphModel } from '@tensorflow/tfjs';
import { graphAnchors } from '../../model/ssd-heads.ts';
import { RunGate } from './run-gate.ts';

type Tf = typeof tfTypes;

export interface LoadedGraph {
  model: GraphModel;
  anchors: tfTypes.Tensor2D;
  anchorCorners: Float32Array;
}

export async function loadGraph(tf: Tf, modelUrl: string): Promise<LoadedGraph> {
  const model = await tf.loadGraphModel(modelUrl);
  const anchors = graphAnchors(tf, model);
  return { model, anchors, anchorCorners: (await anchors.data()) as Float32Array };
}

export class GraphRun extends RunGate {
  protected readonly model: GraphModel;
  protected readonly anchors: tfTypes.Tensor2D;
  protected readonly anchorCorners: Float32Array;

  protected constructor(
    protected readonly tf: Tf,
    graph: LoadedGraph,
  ) {
    super();
    this.model = graph.model;
    this.anchors = graph.anchors;
    this.anchorCorners = graph.anchorCorners;
  }

  /** Frees the graph and its anchors; nothing can run after. */
  protected disposeGraph(): void {
    this.anchors.dispose();
    this.model.dispose();
  }
}
