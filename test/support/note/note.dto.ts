import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class WriteNoteDto {
  @ApiProperty({ format: 'uuid', example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  @IsUUID()
  authorSubjectId!: string;

  @ApiProperty({ example: 'Maria Bianchi', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  authorName!: string;

  @ApiProperty({ example: 'Called about the invoice', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  pages?: number;
}

export class AmendNoteDto {
  @ApiProperty({ example: 'Called again', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  text!: string;
}

export class NoteCreatedDto {
  @ApiProperty({ format: 'uuid' })
  noteId!: string;

  @ApiProperty({ example: 0 })
  revision!: number;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' })
  noteId!: string;

  @ApiProperty({ enum: ['open', 'archived'] })
  status!: string;

  @ApiProperty()
  authorName!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty()
  amendments!: number;

  @ApiProperty()
  revision!: number;
}
