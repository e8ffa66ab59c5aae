// The page's WebGL question, asked off its main thread (webgl-probe.ts).
import { webglSupportHere } from './webgl-probe.ts';

postMessage(webglSupportHere());
