import type { Plugin } from 'vite';

/** Writes `<file>.br` and `<file>.gz` beside every text file of the build (precompress.mjs). */
export function precompress(): Plugin;
