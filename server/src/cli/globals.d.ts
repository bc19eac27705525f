/** The package version, injected by the build (scripts/build.mjs). */
declare const __VERSION__: string;
