import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../errors/problem';
import { Roles } from '../auth/access.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ClockAdvanceDto, ClockNowDto, MoveClockDto } from './test-clock.dto';
import { TestClockSync } from './test-clock-sync';
import { CLOCK, Clock } from '@sportello/clock';

/** The instants an ISO 8601 string writes with a four-digit year, as PostgreSQL reads them. */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

function msOf(by: ClockAdvanceDto): number {
  return (
    ((by.days ?? 0) * 24 * 60 * 60 +
      (by.hours ?? 0) * 60 * 60 +
      (by.minutes ?? 0) * 60 +
      (by.seconds ?? 0)) *
    1_000
  );
}

/** Exists only with SPORTELLO_TEST_CLOCK=1: acceptance runs drive time through it. */
@ApiTags('test clock')
@Controller('test-clock')
export class TestClockController {
  constructor(
    private readonly sync: TestClockSync,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The instant the service lives in (test clock)' })
  @ApiOkResponse({ type: ClockNowDto })
  now(): ClockNowDto {
    return { now: this.clock.now().toISOString() };
  }

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Set the test clock to an instant or advance it',
    description:
      'Every process of the deployment follows; timers that fall due fire. Give `set` or `advance`.',
  })
  @ApiOkResponse({ type: ClockNowDto })
  @ApiProblems(400)
  async move(@Body() body: MoveClockDto): Promise<ClockNowDto> {
    // `null` passes @IsOptional(): it counts as absent here too, or `advance: null` was a 500.
    if ((body.set == null) === (body.advance == null))
      throw ProblemException.validation([
        { field: 'set', reason: 'give exactly one of set or advance' },
      ]);
    const target = body.set
      ? Date.parse(body.set)
      : this.clock.now().getTime() + msOf(body.advance!);
    // Past 9999 an instant prints as `+010000-…`, which PostgreSQL refuses: every write would 500.
    if (!(target >= FIRST_INSTANT && target <= LAST_INSTANT))
      throw ProblemException.validation([
        {
          field: body.set ? 'set' : 'advance',
          reason: 'the clock stays within the years 1 to 9999',
        },
      ]);
    const now = body.set ? await this.sync.set(body.set) : await this.sync.advance(body.advance!);
    return { now: now.toISOString() };
  }
}
