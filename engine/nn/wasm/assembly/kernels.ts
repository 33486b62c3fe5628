// AssemblyScript entry point: the one module scripts/build-kernels.mjs compiles (see its files).
export * from './gemm';
export * from './activations';
export * from './optimizers';
export * from './reductions';
