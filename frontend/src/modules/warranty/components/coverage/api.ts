import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { paths } from '../../../../api/schema';
import type { CoveragePreview } from './types';

export type CoveragePreviewBody = NonNullable<paths['/api/warranty/coverage-preview']['post']['requestBody']>['content']['application/json'];

/** What intake will decide for these components (`POST /api/warranty/coverage-preview`: one
 * read, nothing written). Errors are thrown by the client's middleware. */
export async function previewCoverage(body: CoveragePreviewBody): Promise<CoveragePreview> {
  const { data } = await api.POST('/api/warranty/coverage-preview', { body });
  return data as CoveragePreview;
}

/** The live preview on the intake form; nothing until a unit is picked. The last answer stays
 * on screen while the next one is asked for. */
export function useCoveragePreview(body: CoveragePreviewBody | null) {
  return useQuery({
    queryKey: ['warranty', 'coverage-preview', body],
    queryFn: () => previewCoverage(body!),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    meta: { silent: true },
    staleTime: 30_000,
  });
}
