export { startEmulator, type Emulator, type EmulatorOptions } from './emulator.ts';
export type { FunctionMetrics, InvokeResult } from './lambda/pool.ts';
