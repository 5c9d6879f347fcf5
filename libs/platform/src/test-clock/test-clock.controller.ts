import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../errors/problem';
import { Roles } from '../auth/access.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ClockNowDto, MoveClockDto } from './test-clock.dto';
import { TestClockSync } from './test-clock-sync';
import { CLOCK, Clock } from '@sportello/clock';

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
    if ((body.set === undefined) === (body.advance === undefined))
      throw ProblemException.validation([
        { field: 'set', reason: 'give exactly one of set or advance' },
      ]);
    const now = body.set ? await this.sync.set(body.set) : await this.sync.advance(body.advance!);
    return { now: now.toISOString() };
  }
}
