import { IsUUID } from 'class-validator';

/** The `:id` path parameter of a resource; `what` names it in the error ("a fault id"). */
export function IdParam(what: string) {
  class IdParam {
    @IsUUID('all', { message: `must be ${what} (UUID)` })
    id!: string;
  }
  return IdParam;
}
