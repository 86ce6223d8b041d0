/** The demo's data directory (`vigil serve --demo`); a module of its own so that `--help` loads no more. */
export const DEMO_DATA_DIR = './vigil-demo';
