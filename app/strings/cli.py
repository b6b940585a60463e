"""Command-line texts that belong to no single area: usage errors, the top-level help."""

# ---- command line ----------------------------------------------------------------------
CLI_DESCRIPTION = "驻场管家：驻场人员花名册、考勤、请假、交接、考核与运维记录"
CLI_USAGE_ERROR = "命令行参数有误：{err}"
CLI_FILE_NOT_FOUND = "找不到文件：{path}"
CLI_DEMO_DONE = "演示数据已写入 {path}：{people} 名驻场人员。"
CLI_DEMO_NOT_EMPTY = "数据库 {path} 已有花名册数据，演示数据只能写入空数据库。"
CLI_ROSTER_IMPORTED = "读取 {read} 行，导入 {imported} 行，拒绝 {rejected} 行。"
CLI_ROSTER_PROBLEM = "  第 {row} 行 [{column}]：{reason}"
CLI_ROSTER_EXPORTED = "已导出 {n} 人到 {path}"
CLI_NO_GUI = "无法启动图形界面：{err}"

# ---- command-line help -------------------------------------------------------------------
H_DB = "数据库文件路径（默认在用户数据文件夹；也可用环境变量 ONSITEDESK_DB 指定）"
H_DEMO_GUI = "在一个新建的演示数据库上打开程序"
H_VERSION = "显示版本号"
H_JSON = "以 JSON 格式输出结果"
H_CMD_DEMO = "向数据库写入演示数据（医院信息科驻场项目）"
H_CMD_ROSTER = "花名册导入导出"
H_CMD_ROSTER_IMPORT = "从 Excel/CSV 导入花名册（有效行导入，错误行逐行报告）"
H_CMD_ROSTER_EXPORT = "导出花名册到 Excel（证件号、电话脱敏）"
H_FILE = "文件路径"
H_CMD_DB = "数据库维护"
H_CMD_DB_CHECK = "完整性检查"
H_CMD_DB_BACKUP = "立即备份"
H_CMD_DB_RESTORE = "用最近一个完好的备份替换当前数据库（当前文件另存）"
H_CMD_AUDIT = "审计记录"
H_CMD_AUDIT_VERIFY = "校验审计记录的哈希链，发现被改动或删除的记录"
CLI_SUBCOMMAND_REQUIRED = "缺少子命令，可用 -h 查看帮助"
CLI_DEMO_GUI_DB = "演示数据库：{path}"

# ---- command line: argparse's own texts (issue 13) ------------------------------------------
# argparse asks gettext for these English message ids; app.cli.parser answers with these.
CLI_ARGPARSE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "以下参数须提供其一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不接受值：%r",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
H_COMMANDS = "要执行的命令（省略则打开图形界面）"
H_ACTIONS = "要执行的操作"
