"""Privacy at rest: encrypted ID-card and phone numbers (issue 18)."""

PII_FIELD_LABELS = {"phone": "电话", "id_card_no": "身份证号"}
PII_DECRYPT_FAILED = (
    "人员（编号 {id}）的{field}无法解密：密文已被改动、移动到了别的记录，或密钥不对。"
    "完整号码无法显示；请从备份恢复或重新录入该号码。")
PII_LOCKED = "完整的身份证号和电话号码已加密，只有管理员登录后才能查看或写入。"
PII_ADMIN_ONLY = "只有管理员可以查看完整的身份证号和电话号码。"
PII_NO_KEYS_WRITE = "个人信息已加密保存：写入身份证号或电话号码须由管理员登录后进行。"
PII_SEARCH_EMPTY = "请输入完整的身份证号再查找。"
PII_BACKUP_FAILED = (
    "备份 {name} 无法加密处理（{reason}），其中仍有明文的身份证号或电话号码：请检查后删除或重试。")
PII_ENCRYPTED = "已加密 {people} 人的身份证号和电话号码；已处理备份 {backups} 份。"
PII_CLEAR_AUDIT_ROWS = (
    "审计记录中有 {n} 条旧记录（建于审计脱敏之前）仍含明文号码；改写它们会破坏审计链，故保留。")
ROSTER_EXPORT_FULL = "导出完整号码"
ROSTER_EXPORT_FULL_ASK = (
    "导出的花名册将包含完整的身份证号和电话号码，此操作会记入审计。\n"
    "请妥善保管导出的文件。确定导出完整号码吗？")
PERSON_REVEAL = "显示完整号码"
H_ROSTER_FULL_NUMBERS = "导出完整的身份证号和电话号码（仅管理员，记入审计；默认打码）"
PII_CHECKPOINT_BUSY = (
    "另有窗口或任务正在读取数据库，旧的明文页尚未从数据库文件中清除：请关闭程序后重新打开，"
    "并再次执行加密。")
