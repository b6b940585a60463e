"""Issue 19: several projects in one database -- choosing one (``--project CODE``), the
``projects`` list, project codes and the read-only site copies."""

# ---- choosing the project ----------------------------------------------------------------
PRJ_UNKNOWN_CODE = "没有代码为“{code}”的项目。本数据库中的项目：{known}"
PRJ_NEED_CHOICE = "本数据库有 {n} 个项目，请用 --project 代码 选择其一：{known}"
PRJ_KNOWN_ITEM = "{code}（{name}）"
PRJ_KNOWN_SEP = "、"
PRJ_NONE = "（无）"
PRJ_NO_NAME = "未命名"
H_PROJECT = "要操作的项目代码（数据库中有多个项目时必填；默认：唯一的项目）"

# ---- the project code --------------------------------------------------------------------
PRJ_CODE_BAD = ("项目代码“{code}”不合格：只能用大写字母、数字和连字符“-”，"
                "以字母或数字开头，共 2 到 32 个字符（例如 HZ-RMYY-01）。")
PRJ_CODE_TAKEN = "项目代码“{code}”已被项目“{name}”使用，请换一个代码（代码在全公司唯一）。"

# ---- a read-only site copy ---------------------------------------------------------------
PRJ_SITE_READ_ONLY = ("此项目（{code} {name}）的数据来自现场数据包，在总部只读；"
                      "请在现场修改后重新导出数据包。")

# ---- the window ---------------------------------------------------------------------------
PRJ_WINDOW_TITLE = "{code} {name}"
PRJ_STATUS = "项目：{code} {name}（本库共 {n} 个项目）"

# ---- the ``projects`` command -------------------------------------------------------------
H_PROJECTS = "列出本数据库中的项目（代码、名称、在场人数、打卡数据截至日期）"
PRJ_TABLE_HEAD = ("代码", "名称", "在场人数", "打卡数据截至", "来源")
PRJ_ORIGIN = {"local": "本地", "site": "现场数据包（只读）"}
PRJ_NO_DATA = "无"
PRJ_EMPTY = "本数据库中还没有项目。"
PRJ_COUNT = "共 {n} 个项目。"
