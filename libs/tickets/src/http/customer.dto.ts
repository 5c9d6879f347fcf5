import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { IsEmailAddress, IsFiscalCode, IsPhone, IsVatNumber } from './validators';

// The same two kinds in every ticket domain; the http layer does not depend on any one of them.
const CUSTOMER_TYPES = ['residential', 'business'] as const;
type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The customer who files a complaint or opens a billing account: a codice fiscale or a Partita IVA. */
export class CustomerDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
  @IsIn(CUSTOMER_TYPES)
  customerType!: CustomerType;

  @ApiProperty({ example: 'Maria Esposito', description: 'Personal data: sealed in storage' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    example: 'SPSMRA80A41F839Y',
    description: 'Codice fiscale (required without a Partita IVA)',
  })
  @ValidateIf((o: CustomerDto) => o.fiscalCode !== undefined || o.vatNumber === undefined)
  @IsFiscalCode()
  fiscalCode?: string;

  @ApiPropertyOptional({
    example: '01234567890',
    description: 'Partita IVA (required without a codice fiscale)',
  })
  @ValidateIf((o: CustomerDto) => o.vatNumber !== undefined || o.fiscalCode === undefined)
  @IsVatNumber()
  vatNumber?: string;

  @ApiPropertyOptional({ example: '+39 333 1234567' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'maria.esposito@example.it' })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ example: 'FW-LINE-0012345', description: 'Line or contract id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  lineId?: string;
}

/** Only what the documentation shows: each ticket kind gives its own sample customer. */
export interface CustomerExamples {
  name: string;
  fiscalCode: string;
  email: string;
}

/**
 * The customer of a ticket whose line is named apart (faults, activations, directory errors):
 * every identifier optional. Extend it to name the schema: `class FaultCustomerDto extends
 * TicketCustomerDto({...}) {}`.
 */
export function TicketCustomerDto(examples: CustomerExamples) {
  class TicketCustomerDto {
    @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
    @IsIn(CUSTOMER_TYPES)
    customerType!: CustomerType;

    @ApiProperty({ example: examples.name, description: 'Personal data: sealed in storage' })
    @IsString()
    @Length(1, 200)
    name!: string;

    @ApiPropertyOptional({ example: examples.fiscalCode, description: 'Codice fiscale' })
    @IsOptional()
    @IsFiscalCode()
    fiscalCode?: string;

    @ApiPropertyOptional({ example: '01234567890', description: 'Partita IVA' })
    @IsOptional()
    @IsVatNumber()
    vatNumber?: string;

    @ApiPropertyOptional({ example: '+39 333 1234567', description: 'Personal data: sealed' })
    @IsOptional()
    @IsPhone()
    phone?: string;

    @ApiPropertyOptional({ example: examples.email, description: 'Personal data' })
    @IsOptional()
    @IsEmailAddress()
    email?: string;
  }
  return TicketCustomerDto;
}
