// Types for check-node.js, which stays plain JavaScript so that old Node.js versions can run it.
export declare const REQUIRED_MAJOR: number;
export declare function nodeVersionProblem(version: string): string | null;
