import { hiddenTestStates } from "../../src/lib/hidden-test-secret.ts";

/** The fixed hidden-test secret of every test (a deployment generates its own; see src/lib/hidden-test-secret.ts). */
export const TEST_HIDDEN_TEST_SECRET = "test-only-hidden-test-secret-0123456789";

/** What generateTests needs for hidden and performance tests, under the tests' secret. */
export const TEST_HIDDEN_STATES = hiddenTestStates(TEST_HIDDEN_TEST_SECRET);
