"""The public JSON API, version 1 (DESIGN.md §3 "Public API").

One ``NinjaAPI`` instance mounted at ``/api/v1/`` (outside ``i18n_patterns``: the language of
names is the ``lang`` parameter, never the URL prefix or ``Accept-Language``). OpenAPI 3 at
``/api/v1/openapi.json``, interactive documentation at ``/api/v1/docs``.

Read-only and anonymous: only published (live, public) content is ever served.
"""

from ninja import NinjaAPI

from cases.api import router as cases_router
from catalogue.api import router as catalogue_router
from catalogue.api_reference import router as reference_router
from search.api import router as search_router
from training.api import router as training_router

from .api_support import UnicodeJSONRenderer, install_error_handlers

DESCRIPTION = """\
数智服务商资源池公开数据接口：只读，无需认证，只提供已发布的公开内容，不含个人信息。

- 名称默认为中文；`lang=en` 返回英文名称（尚未翻译的名称仍为中文）。
- 筛选参数与网站的服务商名录、解决方案目录相同：取值为分类标识（slug）；同一参数可重复
  （`?category=consulting&category=production`），同一维度的多个取值为“或”，不同维度之间为“且”；
  未知的标识被忽略。
- 参数错误返回 400：`{"detail": "…", "errors": [{"param": "…", "message": "…"}]}`；
  找不到返回 404：`{"detail": "…"}`。
- 成功的 GET 响应带 `Cache-Control: public, max-age=60`。

Public, read-only data of the Shandong SME digital-service-provider pool. Names are in Chinese
by default and in English with `lang=en`. Filters are the website directory's: taxonomy slugs;
repeat a parameter for OR within a facet; facets combine with AND; unknown slugs are ignored.
Bad parameters give 400 with `detail` and `errors`; unknown entries give 404 with `detail`.
"""

api = NinjaAPI(
    title="数智服务商资源池 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    renderer=UnicodeJSONRenderer(),
)
install_error_handlers(api)
api.add_router("/", catalogue_router)
api.add_router("/", reference_router)
api.add_router("/", cases_router)
api.add_router("/", search_router)
api.add_router("/", training_router)
