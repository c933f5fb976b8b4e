import { describe, expect, it } from 'vitest';
import { kdniaoDataSign } from '../../../../src-main/carriers/kdniao/kdniao-sign';

describe('KDNiao DataSign', () => {
  it('matches the published test vector: base64 of the lower-case MD5 hex text', () => {
    const requestData = '{"OrderCode":"","ShipperCode":"YTO","LogisticCode":"12345678"}';
    expect(kdniaoDataSign(requestData, 'testkey')).toBe('MmIzMWI0YjYxMmExNDNhMzhhYTliZmJhNWFkM2UyYTU=');
    expect(Buffer.from(kdniaoDataSign(requestData, 'testkey'), 'base64').toString('ascii')).toBe(
      '2b31b4b612a143a38aa9bfba5ad3e2a5',
    );
  });

  it('signs the raw JSON (not URL-encoded) as UTF-8, and encodes once in a form body', () => {
    const data = '{"Receiver":{"Name":"张三"}}';
    const sign = kdniaoDataSign(data, 'k');
    expect(sign).not.toBe(kdniaoDataSign(encodeURIComponent(data), 'k'));
    const form = new URLSearchParams({ RequestData: data, DataSign: sign }).toString();
    expect(new URLSearchParams(form).get('DataSign')).toBe(sign);
  });
});
