/** The success answer of a typed call through `api` (the client's middleware throws every error
 * answer), typed as the schema says: `apiData(api.GET(…))`. */
export const apiData = async <D>(call: Promise<{ data?: D }>): Promise<D> => (await call).data as D;
