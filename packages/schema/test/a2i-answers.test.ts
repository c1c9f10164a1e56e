import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateCrowdRekognitionDetectModerationLabelsAnswer, validateCrowdTextractAnalyzeDocumentAnswer } from '@quorum/schema';

/** The element page's sample output (a2i-crowd-textract-detection), with its unquoted `blocks` key quoted. */
const TEXTRACT_SAMPLE = {
  'AWS/Textract/AnalyzeDocument/Forms/V1': {
    blocks: [
      {
        blockType: 'KEY_VALUE_SET',
        id: '8c97b240-0969-4678-834a-646c95da9cf4',
        relationships: [
          { type: 'CHILD', ids: ['7ee7b7da-ee1b-428d-a567-55a3e3affa56', '4d6da730-ba43-467c-a9a5-c6137ba0c472'] },
          { type: 'VALUE', ids: ['6ee7b7da-ee1b-428d-a567-55a3e3affa54'] },
        ],
        entityTypes: ['KEY'],
        text: 'Foo bar baz',
      },
    ],
  },
};

describe('crowd-textract-analyze-document answer schema', () => {
  it("accepts A2I's documented sample output and blocks with geometry, confidence and pass-through fields", () => {
    const result = validateCrowdTextractAnalyzeDocumentAnswer(TEXTRACT_SAMPLE['AWS/Textract/AnalyzeDocument/Forms/V1']);
    assert.equal(result.valid, true, JSON.stringify(result));
    const withGeometry = {
      blocks: [
        {
          blockType: 'KEY_VALUE_SET',
          id: 'v1',
          entityTypes: ['VALUE'],
          text: '',
          confidence: 40.5,
          page: 1,
          geometry: { boundingBox: { width: 0.25, height: 0.1, left: 0.5, top: 0.2 }, polygon: [{ x: 0.5, y: 0.2 }] },
        },
      ],
    };
    assert.equal(validateCrowdTextractAnalyzeDocumentAnswer(withGeometry).valid, true);
  });

  it('names the path of a missing text, a wrong entity type and a box outside the page', () => {
    const result = validateCrowdTextractAnalyzeDocumentAnswer({
      blocks: [{ blockType: 'KEY_VALUE_SET', id: 'k', entityTypes: ['WORD'], geometry: { boundingBox: { width: 1.5, height: 0.1, left: 0, top: 0 } } }],
    });
    assert.equal(result.valid, false);
    if (result.valid) return;
    const paths = result.issues.map((issue) => issue.path);
    assert.ok(paths.includes('/blocks/0'), JSON.stringify(result.issues));
    assert.ok(paths.includes('/blocks/0/entityTypes/0'), JSON.stringify(result.issues));
    assert.ok(paths.includes('/blocks/0/geometry/boundingBox/width'), JSON.stringify(result.issues));
  });
});

describe('crowd-rekognition-detect-moderation-labels answer schema', () => {
  it("accepts A2I's documented objects, string categories and the exclusion category's empty list", () => {
    for (const answer of [
      { moderationLabels: [{ name: 'Gore', parentName: 'Violence' }, { name: 'Corpses', parentName: 'Violence' }] },
      { moderationLabels: [{ confidence: 96.7122802734375, name: 'Suggestive', parentName: '' }] },
      { moderationLabels: ['Nudity', 'Weapons'] },
      { moderationLabels: [] },
    ]) {
      const result = validateCrowdRekognitionDetectModerationLabelsAnswer(answer);
      assert.equal(result.valid, true, JSON.stringify(result));
    }
  });

  it('rejects an object without a name and the element page’s PascalCase list key, naming the path', () => {
    const result = validateCrowdRekognitionDetectModerationLabelsAnswer({ moderationLabels: [{ parentName: 'Violence' }] });
    assert.equal(result.valid, false);
    if (!result.valid) assert.ok(result.issues.some((issue) => issue.path.startsWith('/moderationLabels/0')), JSON.stringify(result.issues));
    assert.equal(validateCrowdRekognitionDetectModerationLabelsAnswer({ ModerationLabels: [] }).valid, false);
  });
});
