/**
 * The engine's version, stored with every run. Bump it whenever a change can alter a run's
 * numbers (kernels, random streams, defaults): re-runs compare against it.
 */
export const ENGINE_VERSION = '0.1.0';
