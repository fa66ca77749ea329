import { describe, expect, it } from 'vitest';
import { countParameters, dominantDtype, SafetensorsHeaderReader } from '../../batch-packager/src/safetensors.js';
import { safetensorsFile } from './support/hub-server.js';

function feed(bytes: Buffer, chunkSize: number): SafetensorsHeaderReader {
  const reader = new SafetensorsHeaderReader();
  for (let i = 0; i < bytes.length; i += chunkSize) reader.write(bytes.subarray(i, i + chunkSize));
  return reader;
}

describe('SafetensorsHeaderReader', () => {
  const { content, parameters } = safetensorsFile({ a: { dtype: 'BF16', shape: [64, 32] }, b: { dtype: 'F32', shape: [10] } }, 1);

  it.each([1, 3, 8, 100, 1 << 20])('reads the header when the file arrives in chunks of %i bytes', (chunkSize) => {
    const reader = feed(content, chunkSize);
    expect(reader.problem).toBeUndefined();
    expect(reader.header).toMatchObject({ a: { dtype: 'BF16', shape: [64, 32] }, b: { dtype: 'F32', shape: [10] } });
    expect(countParameters(reader.header!)).toBe(parameters);
  });

  it.each([
    { name: 'a length beyond the format limit', bytes: Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), problem: /header length .* is not between/ },
    { name: 'a header that is not JSON', bytes: Buffer.concat([Buffer.from([4, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('nope')]), problem: /not JSON/ },
    { name: 'a header that is a list', bytes: Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('[]')]), problem: /not a JSON object/ },
  ])('says what is wrong when the file has $name', ({ bytes, problem }) => {
    expect(feed(bytes, 3).problem).toMatch(problem);
  });
});

describe('dominantDtype', () => {
  it('names the dtype most parameters have, in torch terms', () => {
    const quantised = { 'w.weight': { dtype: 'F8_E4M3', shape: [1024, 1024] }, 'w.scale': { dtype: 'BF16', shape: [1024] }, __metadata__: {} };
    expect(dominantDtype([quantised])).toBe('float8_e4m3fn');
    expect(dominantDtype([{ x: { dtype: 'F16', shape: [2] } }, { y: { dtype: 'BF16', shape: [3] } }])).toBe('bfloat16');
    expect(dominantDtype([])).toBeUndefined();
  });
});
