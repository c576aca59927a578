import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { PgIntParam } from '@pathway/platform/http/uuid-param';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PathwayTemplateDto, PublishTemplateBodyDto, TaskSourceDto, TemplateVersionListDto } from './dto/pathway.dto';
import { IsArray, IsBoolean, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import { PathwayTemplatesService } from './pathway-templates.service';

class ReminderPolicyBody {
  @IsArray() remindBefore!: string[];
  @IsString() escalateAfter!: string;
  @IsBoolean() escalateAfterWorkingDays!: boolean;
}

class StaffSupportThresholdBody {
  @IsNumber() @Min(0) @Max(1) minTurnout!: number;
  @IsNumber() @Min(0) @Max(1) minSupportShare!: number;
}

/** An edited template; the domain's validateTemplate checks it as a whole (400 listing every problem). */
export class PublishTemplateDto {
  @IsString() @IsNotEmpty() name!: string;
  @IsString() publishedOn!: string;
  @IsArray() @IsObject({ each: true }) tasks!: PathwayTemplate['tasks'];
  @IsArray() @IsObject({ each: true }) legalForms!: PathwayTemplate['legalForms'];
  @ValidateNested() @Type(() => ReminderPolicyBody) reminderPolicy!: PathwayTemplate['reminderPolicy'];
  @IsInt() @Min(1) @Max(365) rightToProvideResponseDays!: number;
  /** Working days to decide again after an upheld appeal (v3); absent: the default (20). */
  @IsOptional() @IsInt() @Min(1) @Max(260) reconsiderationResponseDays?: number;
  /** What a staff ballot must show before the business case may be submitted (v3); absent: 0.5 and 0.5. */
  @IsOptional() @ValidateNested() @Type(() => StaffSupportThresholdBody) staffSupportThreshold?: PathwayTemplate['staffSupportThreshold'];
  /** Each year of operation's tasks (v3); validateTemplate checks each definition. */
  @IsOptional() @IsArray() @IsObject({ each: true }) yearlyTasks?: PathwayTemplate['yearlyTasks'];
}

@ApiTags('pathway')
@ApiExtraModels(TaskSourceDto)
@ApiBearerAuth()
@Controller('api/pathway')
export class PathwayController {
  constructor(private readonly templates: PathwayTemplatesService) {}

  @Get()
  @ApiOperation({
    summary: 'The current pathway template: tasks with guidance and sources, due-date rules, legal-form options, reminder defaults',
  })
  @ApiOkResponse({ type: PathwayTemplateDto })
  current(): Promise<PathwayTemplate> {
    return this.templates.current();
  }

  @Get('versions')
  @ApiOperation({ summary: 'Every published version' })
  @ApiOkResponse({ type: TemplateVersionListDto })
  async versions(): Promise<TemplateVersionListDto> {
    const items = await this.templates.versions();
    return { items, total: items.length };
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One published version (journeys keep the version they started with)' })
  @ApiOkResponse({ type: PathwayTemplateDto })
  version(@PgIntParam('version', 1) version: number): Promise<PathwayTemplate> {
    return this.templates.version(version);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish an edited template as the next version (central team admins). Existing journeys keep their version' })
  @ApiBody({ type: PublishTemplateBodyDto })
  @ApiCreatedResponse({ type: PathwayTemplateDto })
  publish(@CurrentUser() me: Principal, @Body() body: PublishTemplateDto): Promise<PathwayTemplate> {
    AccessPolicy.assertCentralAdmin(me);
    return this.templates.publish(body, me.id);
  }
}
