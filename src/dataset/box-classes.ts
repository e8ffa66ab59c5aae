// Which class a box looks like, judged by the labelled boxes of other photos it looks most like: its
// nearest neighbours by cosine similarity of standardised descriptions, weighted so the nearest count
// most. Plain arithmetic on the descriptions the label checker computes once per box.
export interface DescribedBox {
  features: Float32Array;
  label: string;
}

/** Temperature of the softmax over similarities. */
const SHARPNESS = 0.05;

export class BoxNeighbours {
  private readonly mean: Float32Array;
  private readonly scale: Float32Array;
  private readonly examples: { unit: Float32Array; label: string }[];

  constructor(
    examples: readonly DescribedBox[],
    private readonly k = 7,
  ) {
    const width = examples[0]?.features.length ?? 0;
    const count = Math.max(1, examples.length);
    this.mean = new Float32Array(width);
    const variance = new Float32Array(width);
    for (const { features } of examples)
      for (let i = 0; i < width; i++) this.mean[i] += (features[i] as number) / count;
    for (const { features } of examples)
      for (let i = 0; i < width; i++) variance[i] += ((features[i] as number) - (this.mean[i] as number)) ** 2 / count;
    this.scale = variance.map((v) => 1 / Math.sqrt(v + 1e-6));
    this.examples = examples.map(({ features, label }) => ({ unit: this.unit(features), label }));
  }

  /** Standardised and scaled to length 1, so a dot product is the cosine. */
  private unit(features: Float32Array): Float32Array {
    const standard = features.map((value, i) => (value - (this.mean[i] as number)) * (this.scale[i] as number));
    let length = 0;
    for (const value of standard) length += value * value;
    length = Math.sqrt(length) || 1;
    return standard.map((value) => value / length);
  }

  /** Each class's share of the k nearest boxes' votes; empty without examples. */
  votes(features: Float32Array): Record<string, number> {
    const query = this.unit(features);
    const nearest = this.examples
      .map(({ unit, label }) => {
        let similarity = 0;
        for (let i = 0; i < unit.length; i++) similarity += (unit[i] as number) * (query[i] as number);
        return { label, similarity };
      })
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, this.k);
    const top = nearest[0]?.similarity ?? 0;
    const shares: Record<string, number> = {};
    let total = 0;
    for (const { label, similarity } of nearest) {
      const weight = Math.exp((similarity - top) / SHARPNESS);
      shares[label] = (shares[label] ?? 0) + weight;
      total += weight;
    }
    for (const label of Object.keys(shares)) shares[label] = (shares[label] as number) / total;
    return shares;
  }
}
