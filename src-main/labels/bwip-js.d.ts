/**
 * bwip-js 4 exposes its types only under the "node"/"browser" export conditions, which TypeScript's Bundler
 * resolution does not use; this declares the one function the label engine calls (the default export's `raw`).
 */
declare module 'bwip-js' {
  /** A linear symbol: `sbs` alternates bar/space widths in modules, starting with a bar. */
  export interface BwipLinearSymbol {
    sbs: number[];
    bhs: number[];
    bbs: number[];
  }

  /** A two-dimensional symbol. */
  export interface BwipMatrixSymbol {
    pixs: number[];
    pixx: number;
    pixy: number;
    height: number;
    width: number;
  }

  const bwipjs: {
    /** Encodes `text` as `bcid` without drawing it. */
    raw(
      bcid: string,
      text: string,
      opts?: Record<string, string | number | boolean>,
    ): Array<BwipLinearSymbol | BwipMatrixSymbol>;
  };
  export default bwipjs;
}
