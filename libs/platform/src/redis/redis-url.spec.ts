import { describeUrl, redisOptionsFromUrl } from './redis-url';

describe('Redis URLs', () => {
  it('become connection options for ioredis and BullMQ', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1:6379')).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
    });
    expect(redisOptionsFromUrl('rediss://user:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
  });

  it('are described without their credentials', () => {
    expect(describeUrl('redis://user:s3cret@cache:6379')).toBe('redis://cache:6379');
    expect(describeUrl('postgres://app:s3cret@db:5432/sportello')).toBe(
      'postgres://db:5432/sportello',
    );
  });
});
