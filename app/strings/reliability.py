"""No silent loss (issue 17): the head sidecar, restore summaries, business-table checks."""

HEAD_MISSING_FILE = ("数据库文件不见了（{path}）：记录显示它已有 {n} 条审计记录。"
                     "程序不会用一个空数据库代替它。")
HEAD_MISSING_FILE_BACKUPS = ("数据库文件不见了（{path}），但备份文件夹里有它的备份。"
                             "程序不会用一个空数据库代替它。")
HEAD_OLDER = ("数据库比记录的最新状态旧（{path}）：缺少第 {first}–{last} 条审计记录"
              "（日志文件 -wal 丢失，或放回了一个旧副本）。")
HEAD_DIVERGED = ("放在这里的数据库与记录的不是同一份（{path}）：第 {id} 条审计记录不同"
                 "（换成了另一个数据库或另一份副本）。")
HEAD_ACCEPT_HINT = "如确认要使用当前文件，请运行 onsitedesk db accept（此操作会记入审计记录）。"
HEAD_ACCEPT_NO_FILE = "没有可以接受的数据库文件：{path}。请先用 onsitedesk db restore 从备份恢复。"
HEAD_ACCEPTED = "已把当前数据库记为最新状态：{path}（审计记录 {n} 条）"
RESTORE_LOSS = ("恢复到备份 {backup} 会丢失当前数据库中比备份新的内容：\n"
                "审计记录 {audit} 条，打卡记录 {punches} 条，导入批次 {batches} 次。")
RESTORE_NO_LOSS = "恢复到备份 {backup} 不会丢失任何已记录的内容（当前数据库不比备份新）。"
RESTORE_NEEDS_YES = "未恢复：确认无误后请加 --yes 再运行一次。"
RESTORE_ASK_LOSS = "{problem}\n\n是否用最近的备份恢复？\n{backup}\n\n{loss}\n\n当前文件会另存，不会删除。"
H_RESTORE_YES = "确认恢复（会丢失上面列出的、比备份新的内容）"
H_CMD_DB_ACCEPT = "把当前数据库记为最新状态（在确认放回旧副本或换了数据库之后）"
BIZ_OK = "业务数据与审计记录一致：{rows} 行、{batches} 个导入批次已核对。"
BIZ_PROBLEM = {
    "changed": "{entity} #{id} 与审计记录中最后的内容不符：{fields}（数据被直接修改）",
    "missing": "{entity} #{id} 在审计记录中存在，但数据表里不见了（数据被直接删除）",
    "ghost": "{entity} #{id} 在数据表里存在，但审计记录中没有它的新增记录（数据被直接插入）",
    "punch_digest": "导入批次 #{id} 的打卡数据与导入时记录的摘要不符（打卡被修改、删除或插入）",
    "no_digest": "导入批次 #{id} 没有打卡摘要，无法核对",
    "unreadable": "{entity} 数据表无法读取：{fields}（文件可能损坏）",
}
BIZ_MORE = "……另有 {n} 处问题未列出。"
AUDIT_ENTITY_NAMES = {
    "person": "人员", "attachment": "附件", "equipment_item": "设备", "project": "项目",
    "import_batch": "导入批次", "holiday_day": "节假日", "holiday_year": "节假日年份",
    "setting": "设置",
}
BIZ_BAD = "业务数据与审计记录不一致：发现 {n} 处问题。"
ATTACHMENT_COPY_BAD = "附件复制后校验不一致（{path}），已放弃这次复制，请重试。"
DEMO_PARTIAL_CLEANED = "上次生成演示数据时中断，留下的临时文件已清理：{path}"
