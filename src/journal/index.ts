/** The run journal: an append-only record of each run, and what `--resume` and `atlas-run runs` read from it. */
export * from './journal-records.js';
export { JournalWriter } from './journal-writer.js';
export { readJournal, readJournalHeader, type JournalContents } from './read-journal.js';
export { RunJournalFile, type AcceptedWrite, type ItemOutcome, type JournalStart } from './run-journal.js';
export { resumeDifferences, type ResumeCandidate } from './resume-check.js';
export { DEFAULT_JOURNAL_DIR, findRun, isAlive, journalDir, listRuns, readRun, summarize, type RunSummary } from './run-index.js';
export { openRunJournal, type OpenRunJournalOptions } from './open-run-journal.js';
