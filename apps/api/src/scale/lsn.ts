/**
 * PostgreSQL write-ahead log positions (`16/B374D848`) as numbers that compare and subtract:
 * the high and low 32 bits of a 64-bit byte position.
 */
export function lsnToBigInt(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** Whether a text is a log position as PostgreSQL writes one. */
export const isLsn = (text: string) => /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(text);
