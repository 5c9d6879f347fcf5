import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandHandler } from '@sportello/eventstore';
import { ApiProblems, CommandGateway, Roles } from '@sportello/platform';
import {
  LEGAL_INTEREST_RATES_STREAM,
  legalInterestRates,
} from '../application/policies/billing-policies';
import { legalInterestRatesDecider } from '../domain/legal-interest-rates';
import { LegalInterestRateDto, SetLegalInterestRateDto } from './billing-accounts.dto';

/** AMB-23: the legal rate is a dated parameter, entered by an administrator, never guessed. */
@ApiTags('billing')
@Controller('v1/billing-legal-interest-rates')
export class LegalInterestRatesHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
  ) {}

  @Get()
  @Roles('operator', 'supervisor', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The dated legal interest rates used for late-payment interest (BIL-4)',
  })
  @ApiOkResponse({ type: [LegalInterestRateDto] })
  list(): Promise<LegalInterestRateDto[]> {
    return legalInterestRates(this.handler);
  }

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Enter the legal interest rate in force from a date',
    description: 'Interest already assessed keeps the rate it was computed with.',
  })
  @ApiOkResponse({ type: [LegalInterestRateDto] })
  @ApiProblems(400, 409, 422)
  async set(@Body() body: SetLegalInterestRateDto): Promise<LegalInterestRateDto[]> {
    await this.commands.execute(legalInterestRatesDecider, {
      stream: LEGAL_INTEREST_RATES_STREAM,
      command: {
        type: 'SetLegalInterestRate',
        from: body.from,
        legalRateBasisPoints: body.legalRateBasisPoints,
        usuryThresholdBasisPoints: body.usuryThresholdBasisPoints ?? null,
        source: body.source,
      },
    });
    return legalInterestRates(this.handler);
  }
}
