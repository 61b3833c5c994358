/** Wrappers that run models from other libraries as tsnlp Models (Thinc's PyTorchWrapper family). */
export {
  getLayersModel,
  type TfjsConvertInputs,
  type TfjsConvertOutputs,
  type TfjsWrapperOptions,
  type TfjsWrapperState,
  tfjsWrapper,
} from "./tfjs-wrapper.js";
