"""Site package (issue 19): ``project export`` at a site, ``project import`` at head office."""

# ---- the command line ----------------------------------------------------------------------
H_CMD_PROJECT = "现场数据包：现场导出本项目数据，总部导入（U 盘带回，无需联网）"
H_PROJECT_EXPORT = (
    "现场：把当前项目的数据写成签名的数据包（首次为完整包，之后只含上次导出以来的变更）。"
    "个人敏感信息只带脱敏形式（如 138****5678），不带身份证号、手机号原文及其密文，"
    "账号与密钥不离开现场")
H_PROJECT_IMPORT = ("总部：校验签名与内容后导入现场数据包；同一数据包再导入不会重复写入；"
                    "导入的项目在总部只读（修改请在现场进行）")
H_PKG_FILE = "数据包文件（.odpkg）"
H_PKG_FULL = "导出完整数据包（总部以它整体替换该项目的数据；数据包遗失或顺序乱了时使用）"

SP_KIND_FULL = "完整"
SP_KIND_INCREMENTAL = "增量，基于第 {base} 号"
SP_EXPORTED = ("已导出项目 {code} 的第 {seq} 号数据包（{kind}）：{rows} 行数据、{audit} 条审计记录，"
               "{size} KB，写入 {file}")
SP_FINGERPRINT = "本站签名密钥指纹：{fingerprint}（总部首次导入时会显示同一指纹，请核对）"
SP_IMPORTED = ("已导入项目 {code} 的第 {seq} 号数据包：新增 {inserted} 行，更新 {updated} 行，"
               "删除 {deleted} 行")
SP_ALREADY = "{file}：项目 {code} 的第 {seq} 号数据包已导入过，无变化。"
SP_CHAIN_BREAK = ("注意：{file} 中项目 {code} 的现场审计链在第 {id} 条处不连续"
                  "（现场数据库可能被绕过本程序改动过）；数据已导入，请到现场运行 audit verify 核查。")
SP_TRUST_NEW = ("首次收到项目 {code} 的数据包，已记录其签名密钥指纹 {fingerprint}，"
                "请与现场核对（现场导出时显示）。")

# ---- refusals: nothing is written --------------------------------------------------------
SP_BAD_FILE = "{file} 不是可读取的现场数据包（{why}），未导入任何数据。"
SP_WHY_NOT_ZIP = "不是 zip 文件或文件已损坏"
SP_WHY_MISSING = "缺少 {member}"
SP_WHY_MANIFEST = "清单 manifest.json 无法解析"
SP_BAD_FORMAT = "{file}：数据包格式 {format} 不受本程序支持（支持格式 {supported}），未导入任何数据。"
SP_BAD_SIGNATURE = ("{file}：签名校验失败（清单或签名被改动过），数据包不可信，"
                    "未导入任何数据。")
SP_BAD_DIGEST = ("{file}：数据内容的 SHA-256 与签名清单不符（数据被改动或损坏），"
                 "未导入任何数据。")
SP_BAD_PAYLOAD = "{file}：数据内容无法读取（{why}），未导入任何数据。"
SP_OTHER_KEY = ("{file}：项目 {code} 的数据包由另一把密钥签名（指纹 {got}；总部信任的是 {trusted}），"
                "拒绝导入，未导入任何数据。")
SP_MISSING_SEQ = ("{file}：这是项目 {code} 的第 {seq} 号数据包，总部缺少第 {missing} 号，"
                  "请先导入第 {missing} 号（或请现场导出完整包 project export --full）；"
                  "未导入任何数据。")
SP_NEED_FULL = ("{file}：总部还没有项目 {code} 的数据，这个第 {seq} 号增量包无法单独导入，"
                "请先导入第 1 号（或请现场导出完整包 project export --full）；未导入任何数据。")
SP_SEQ_CONFLICT = ("{file}：项目 {code} 的第 {seq} 号数据包已导入过，但内容与这次的不同"
                   "（现场可能恢复过备份），请现场导出完整包 project export --full；"
                   "未导入任何数据。")
SP_CODE_CLASH = ("{file}：项目编号 {code} 已被本库的另一个项目使用，拒绝导入；"
                 "请现场或总部改用不同的项目编号。未导入任何数据。")
SP_LOCAL_PROJECT = ("{file}：项目 {code} 是本库自己的项目（不是现场数据副本），"
                    "不能用数据包覆盖，未导入任何数据。")
SP_NO_PROJECT = "当前数据库没有项目数据，没有可导出的内容。"
SP_EXPORT_SITE_COPY = "项目 {code} 是从现场数据包导入的只读副本，不能再导出（数据包由现场导出）。"
SP_WRITE_FAILED = "无法写入数据包 {file}：{err}"

# ---- the window (issue 19): 文件 › 导出/导入现场数据包 -----------------------------------------
SP_UI_ACT_EXPORT = "导出现场数据包…"
SP_UI_ACT_IMPORT = "导入现场数据包…"
SP_UI_ACT_EXPORT_TIP = "现场：把本项目的数据写成数据包文件，拷到 U 盘交总部导入"
SP_UI_ACT_IMPORT_TIP = "总部：导入现场交来的数据包文件（可一次选多个），各现场的项目在总部只读"
SP_UI_FILTER = "现场数据包 (*.odpkg)"
SP_UI_FILE_NAME = "{code}-{date}.odpkg"
SP_UI_EXPORT_TITLE = "导出现场数据包"
SP_UI_EXPORT_TO = "项目 {code} 的数据包将写入：\n{file}"
SP_UI_KIND_INCREMENTAL = "增量包（推荐）：只含上次导出以来的变更；首次导出总是完整包"
SP_UI_KIND_FULL = "完整包：总部丢失了某个增量包、或总部重建了数据库时使用"
SP_UI_EXPORT_OK = "导出"
SP_UI_EXPORT_LAST = ("上次导出：第 {seq} 号数据包（{kind}），{at}，{rows} 行数据，文件 {file}。\n"
                     "这次导出第 {next} 号。")
SP_UI_EXPORT_FIRST = "本项目尚未导出过数据包：这次导出第 1 号，是完整包（含全部数据）。"
SP_UI_EXPORTING = "正在导出现场数据包…"
SP_UI_FINGERPRINT = ("本站签名密钥指纹：\n{fingerprint}\n"
                     "（总部首次导入时会显示同一指纹；首次导出请打电话把它告诉总部，以便核对）")
SP_UI_EXPORT_NEXT = "请把该文件拷到 U 盘交总部，在总部用“文件 › 导入现场数据包…”导入。"
SP_UI_IMPORT_TITLE = "导入现场数据包"
SP_UI_IMPORTING = "正在导入现场数据包…"
SP_UI_IMPORTING_FILE = "正在导入 {file}（{n}/{total}）…"
SP_UI_SUMMARY_HEAD = "共 {total} 个文件：已导入 {imported} 个，无变化 {unchanged} 个，未导入 {refused} 个。"
SP_UI_STATUS_TAG = "【{status}】"
SP_UI_STATUS_IMPORTED = "已导入"
SP_UI_STATUS_UNCHANGED = "无变化"
SP_UI_STATUS_REFUSED = "未导入"
SP_UI_WHY_UNREADABLE = "文件不存在或无法打开"
SP_UI_WHY_LOGGED = "意外错误，详情见日志 {log}"
SP_UI_CANCELLED = "{file}：导入已取消，未导入任何数据。"
SP_UI_UNEXPECTED = "{file}：导入时发生意外错误，未导入任何数据（详情见日志 {log}）。"
SP_UI_CATCH_UP_FAILED = "项目 {code} 的总部统计未能更新（{why}），下次打开总部总览时会重新计算。"
SP_UI_SUMMARY_NEXT = "导入的项目已列入窗口上方的“项目”选择框和“总部总览”（现场数据在总部只读）。"
SP_UI_CLOSE = "关闭"
