// The answer schemas of Ground Truth's V2 (GenAI) elements, crowd-text-ranking and
// crowd-question-answer-generation. Ground Truth documents no output for either: text ranking is
// checked against the shape inferred from AWS's post-processing (../shared/gt-reference), the
// question-answer shape is Quorum's own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateCrowdQuestionAnswerGenerationAnswer, validateCrowdTextRankingAnswer, type ValidationResult } from '@quorum/schema';

const shared = process.env.QUORUM_SHARED ?? new URL('../../../../shared/', import.meta.url).pathname;

function issuePaths(result: ValidationResult<unknown>): string[] {
  return result.valid ? [] : result.issues.map((issue) => issue.path);
}

describe('crowd-text-ranking answer schema', () => {
  it('accepts the inferred Ground Truth answer (answer.crowd-text-ranking.inferred.json)', () => {
    const reference: unknown = JSON.parse(readFileSync(`${shared}/gt-reference/answer.crowd-text-ranking.inferred.json`, 'utf8'));
    const result = validateCrowdTextRankingAnswer(reference);
    assert.equal(result.valid, true, JSON.stringify(result));
  });

  it("accepts Quorum's answer with dimension names and tied ranks", () => {
    const answer = { ordinalRankingDimensions: [{ name: 'Clarity', responseRankings: [1, 1, 3] }, { name: 'Inclusivity', responseRankings: [3, 1, 2] }] };
    assert.equal(validateCrowdTextRankingAnswer(answer).valid, true);
  });

  it('rejects rank 0, fractional ranks, missing rankings, unknown keys and a bare array', () => {
    assert.deepEqual(issuePaths(validateCrowdTextRankingAnswer({ ordinalRankingDimensions: [{ responseRankings: [0, 1] }] })), ['/ordinalRankingDimensions/0/responseRankings/0']);
    assert.deepEqual(issuePaths(validateCrowdTextRankingAnswer({ ordinalRankingDimensions: [{ responseRankings: [1.5, 1] }] })), ['/ordinalRankingDimensions/0/responseRankings/0']);
    assert.equal(validateCrowdTextRankingAnswer({ ordinalRankingDimensions: [{ name: 'Clarity' }] }).valid, false);
    assert.equal(validateCrowdTextRankingAnswer({ ordinalRankingDimensions: [{ responseRankings: [1], rank: 1 }] }).valid, false);
    assert.equal(validateCrowdTextRankingAnswer({ ordinalRankingDimensions: [] }).valid, false);
    assert.equal(validateCrowdTextRankingAnswer([{ responseRankings: [1] }]).valid, false);
  });
});

describe('crowd-question-answer-generation answer schema', () => {
  it('accepts pairs with tags, and an answer left empty (answer-min-words="0")', () => {
    const answer = {
      questionAnswerPairs: [
        { question: 'Where is the Amazon rainforest?', answer: 'South America', tags: ['tag1', 'geography'] },
        { question: 'Which country holds most of it?', answer: '', tags: [] },
      ],
    };
    assert.equal(validateCrowdQuestionAnswerGenerationAnswer(answer).valid, true);
  });

  it('rejects missing tags, repeated tags, empty tags and stray keys, naming the place', () => {
    assert.deepEqual(issuePaths(validateCrowdQuestionAnswerGenerationAnswer({ questionAnswerPairs: [{ question: 'q', answer: 'a', tags: ['x', 'x'] }] })), ['/questionAnswerPairs/0/tags']);
    assert.deepEqual(issuePaths(validateCrowdQuestionAnswerGenerationAnswer({ questionAnswerPairs: [{ question: 'q', answer: 'a', tags: [''] }] })), ['/questionAnswerPairs/0/tags/0']);
    assert.equal(validateCrowdQuestionAnswerGenerationAnswer({ questionAnswerPairs: [{ question: 'q', answer: 'a' }] }).valid, false);
    assert.equal(validateCrowdQuestionAnswerGenerationAnswer({ questionAnswerPairs: [{ question: 'q', answer: 'a', tags: [], score: 1 }] }).valid, false);
    assert.equal(validateCrowdQuestionAnswerGenerationAnswer({ pairs: [] }).valid, false);
  });
});
