// The part of fs-native-extensions the owner lock uses (the package ships no types).
declare module 'fs-native-extensions' {
  /** Locks the open file without waiting; false when another open file description holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
