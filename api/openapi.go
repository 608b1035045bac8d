package api

import _ "embed"

// openAPIJSON is the OpenAPI 3.1 description of the API, served as it is at
// /api/v1/openapi.json. Its server URL is relative, so it holds for any
// host the API is served from. The tests hold it to the routes table and
// every response to its schemas.
//
//go:embed openapi.json
var openAPIJSON []byte
