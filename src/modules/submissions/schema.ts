export const typeDefs = /* GraphQL */ `
  enum Language {
    TYPESCRIPT
    JAVASCRIPT
    "Python 3 with numpy."
    PYTHON
  }

  enum SubmissionStatus {
    QUEUED
    RUNNING
    FINISHED
  }

  enum SubmissionMode {
    "Every test: counts as an attempt."
    FULL
    "Sample tests only: does not count as an attempt."
    SAMPLES
  }

  enum Verdict {
    ACCEPTED
    WRONG_ANSWER
    TIME_LIMIT_EXCEEDED
    MEMORY_LIMIT_EXCEEDED
    RUNTIME_ERROR
    COMPILE_ERROR
    INTERNAL_ERROR
  }

  type TestResult {
    name: String!
    "sample, hidden or performance"
    kind: String
    "PASSED, FAILED, SKIPPED or the error verdict of that test."
    status: String!
    """
    Why the test did not pass, in the locale (see Locale). The judge's own sentences are translated; what it
    quotes (values, paths, the learner's own error text, a Python traceback) is shown as it is.
    """
    message(locale: Locale): String
    runtimeMs: Float
    "Sample tests only: hidden test data never leaves the server."
    input: JSON
    expected: JSON
    got: JSON
    "Sample tests only: what the code printed (print / console.log), 8 KiB at most; a note ends a cut text."
    output: String
  }

  type CompileError {
    "In the locale (see Locale) when the judge wrote it (a missing function); a compiler's own text as it is."
    message(locale: Locale): String!
    line: Int
    column: Int
  }

  type Submission {
    id: ID!
    "Null for a learner once the question is no longer published (drafts and archived questions are for admins)."
    question: Question
    language: Language!
    code: String!
    mode: SubmissionMode!
    status: SubmissionStatus!
    verdict: Verdict
    tests: [TestResult!]!
    compileError: CompileError
    warnings: [String!]!
    "Total learner runtime over the tests that ran."
    runtimeMs: Float
    """
    Memory of the learner's code in MiB as the sandbox measured it, for TypeScript and JavaScript: the V8
    isolate's heap size plus its external memory (typed arrays) after each test, the largest over the tests. Null for Python, whose child process is
    bounded by an address-space limit but not measured per submission, and for a submission that did not run.
    """
    memoryMb: Float
    "Learner runtime / reference runtime on the performance tests (geometric mean); lower is faster."
    perfRatio: Float
    """
    Why an accepted submission has no perfRatio (e.g. its timing was not stable enough to compare), in the locale
    (see Locale); null otherwise.
    """
    perfNote(locale: Locale): String
    """
    Accepted full submissions only: the percent of accepted full submissions of this problem in the same language
    that this one is at least as fast as (ties count half).
    """
    percentile: Float
    """
    How many times a grader started on this submission: 1 normally, more when a grader died or was restarted
    mid-grading and another took the job over (the verdict is still written once). Not the learner's attempts
    at the problem: that is Question.progress.attempts.
    """
    attempts: Int!
    createdAt: DateTime!
    startedAt: DateTime
    finishedAt: DateTime
  }

  type SubmissionEdge {
    cursor: String!
    node: Submission!
  }

  type SubmissionConnection {
    edges: [SubmissionEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  input SubmitSolutionInput {
    "Slug of a published coding question."
    slug: String!
    language: Language!
    "At most 64 KiB."
    code: String!
    "Optional: a retried submit with the same key returns the same submission."
    idempotencyKey: String
  }

  extend type Query {
    "Owner or admin only."
    submission(id: ID!): Submission
    "Newest first. first (default 20, at most 100) after a cursor, or last before a cursor."
    mySubmissions(slug: String, first: Int, after: String, last: Int, before: String): SubmissionConnection!
  }

  extend type Mutation {
    """
    Grades every test. At most SUBMIT_RATE_LIMIT_PER_MINUTE (10 by default) per learner per minute; beyond it
    RATE_LIMITED, with extensions.retryAfterSeconds: when the next call is allowed. While the database cannot be
    reached: SERVICE_UNAVAILABLE with extensions.retryAfterSeconds (nothing was saved; retry, with the same
    idempotencyKey to be safe).
    """
    submitSolution(input: SubmitSolutionInput!): Submission!
    """
    Runs the sample tests only; does not count as an attempt. Its own budget, apart from submitSolution's:
    SAMPLE_RATE_LIMIT_PER_MINUTE (30 by default) per learner per minute; beyond it RATE_LIMITED with
    extensions.retryAfterSeconds.
    """
    runSamples(input: SubmitSolutionInput!): Submission!
  }

  type Subscription {
    """
    Owner only. The first event is the current state; the stream ends after FINISHED, or with UNAUTHENTICATED
    as soon as the token it runs under is revoked (logOut).
    """
    submissionUpdated(id: ID!): Submission!
  }
`;
