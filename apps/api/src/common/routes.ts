import { applyDecorators, Controller, Get, HttpCode, Patch, Post, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from './api-docs';

/*
 * The route stacks that recur across controllers: the route, its success status and the OpenAPI
 * answers in one decorator. Each is exactly the decorators it replaces; guards (Roles, Public…)
 * stay on the method, where a reader looks for them.
 */

/** A controller whose callers sign in with a bearer token, under one OpenAPI tag. */
export const BearerController = (tag: string, path: string): ClassDecorator =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));

/** POST /: creates a record, 201 with it. */
export const CreateRoute = (model: Type<unknown>, ...errors: number[]): MethodDecorator =>
  applyDecorators(Post(), ApiCreatedResponse({ type: model }), ApiErrors(...errors));

/** GET /: one page of the records. */
export const ListRoute = (model: Type<unknown>): MethodDecorator =>
  applyDecorators(Get(), ApiPageResponse(model), ApiErrors(400, 401, 403));

/** GET /:id: one record, 404 when there is none. */
export const GetRoute = (model: Type<unknown>): MethodDecorator =>
  applyDecorators(Get(':id'), ApiOkResponse({ type: model }), ApiErrors(400, 401, 403, 404));

/** PATCH /:id: changes a record, 200 with it; 409 for a conflict (a taken code…). */
export const UpdateRoute = (model: Type<unknown>): MethodDecorator =>
  applyDecorators(Patch(':id'), ApiOkResponse({ type: model }), ApiErrors(400, 401, 403, 404, 409));

/** POST `path` answering 200 with `model`: an action or a login, nothing created (not 201). */
export const ActionRoute = (
  path: string,
  model: Type<unknown>,
  ...errors: number[]
): MethodDecorator =>
  applyDecorators(Post(path), HttpCode(200), ApiOkResponse({ type: model }), ApiErrors(...errors));
