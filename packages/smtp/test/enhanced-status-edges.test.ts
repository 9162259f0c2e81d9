import { describe, expect, it } from 'vitest';
import { parseEnhancedStatus, stripEnhancedStatus } from '../src/index';

// RFC 3463 §2: status-code = class "." subject "." detail; class = "2"/"4"/"5";
// subject = 1*3digit; detail = 1*3digit.
describe('parseEnhancedStatus: grammar corners (RFC 3463 §2)', () => {
  it('class must be 2, 4 or 5 even without a reply code to compare with', () => {
    expect(parseEnhancedStatus('3.1.1 x')).toBeUndefined();
    expect(parseEnhancedStatus('1.0.0')).toBeUndefined();
    expect(parseEnhancedStatus('4.4.1 x')).toMatchObject({ class: 4, subject: 4, detail: 1 });
  });

  it('the class is one digit followed by "."', () => {
    expect(parseEnhancedStatus('2X1.1 text')).toBeUndefined();
    expect(parseEnhancedStatus('21.1.1 text')).toBeUndefined();
  });

  it('the subject must be followed by "."', () => {
    expect(parseEnhancedStatus('2.1x0 text')).toBeUndefined();
    expect(parseEnhancedStatus('2.1 0 text')).toBeUndefined();
  });

  it('the detail has 1 to 3 digits', () => {
    expect(parseEnhancedStatus('2.1. text')).toBeUndefined();
    expect(parseEnhancedStatus('2.1.')).toBeUndefined();
    expect(parseEnhancedStatus('2.1.123 x')).toMatchObject({ detail: 123, raw: '2.1.123' });
    expect(parseEnhancedStatus('2.1.1234 x')).toBeUndefined();
    expect(parseEnhancedStatus('2.1.1234')).toBeUndefined();
    expect(parseEnhancedStatus('2.1234.1')).toBeUndefined();
  });
});

describe('stripEnhancedStatus', () => {
  it('removes the code and one following space only', () => {
    const s = parseEnhancedStatus('5.1.1 user unknown');
    expect(stripEnhancedStatus('5.1.1 user unknown', s)).toBe('user unknown');
    expect(stripEnhancedStatus('5.1.1  two spaces', s)).toBe(' two spaces');
    expect(stripEnhancedStatus('5.1.1', s)).toBe('');
    // Applied to another line of the reply: a code followed by a tab keeps the tab.
    expect(stripEnhancedStatus('5.1.1\tuser unknown', s)).toBe('\tuser unknown');
    expect(stripEnhancedStatus('4.0.0 other', s)).toBe('4.0.0 other');
  });
});
