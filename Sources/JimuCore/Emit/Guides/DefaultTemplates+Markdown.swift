// The Markdown guides, one template per language and kind of guide. `{{value}}` is escaped
// for Markdown; only `{{{mermaid}}}` is shown as Jimu wrote it.

extension DefaultTemplates {
    static let itemZH = #"""
        # {{name}}

        **{{visits}}**{{#onlineDepth}} · {{.}}{{/onlineDepth}} · 承诺办结时限：{{promisedText}}

        | 基本信息 | 内容 |
        | --- | --- |
        | 事项编码 | {{code}} |
        | 实施主体 | {{department}} |
        | 事项类型 | {{kind}} |
        | 行使层级 | {{level}} |
        | 办件类型 | {{handling}} |
        | 服务对象 | {{#audience}}{{.}}{{^last()}}、{{/last()}}{{/audience}} |

        ## 谁可以申请

        - 服务对象：{{#audience}}{{.}}{{^last()}}、{{/last()}}{{/audience}}
        {{#conditions}}
        - 受理条件：{{.}}
        {{/conditions}}
        {{^conditions}}
        - 受理条件：本事项未规定特别的受理条件。
        {{/conditions}}
        {{#hasPreconditions}}
        - 办理前需先办结：{{#preconditions}}[{{linkName}}]({{href}}){{^last()}}、{{/last()}}{{/preconditions}}
        {{/hasPreconditions}}

        ## 申请材料

        {{#hasMaterials}}
        申请人需提交 {{submittedCount}} 项材料，{{exemptCount}} 项免提交。

        | 材料名称 | 材料形式 | 份数 | 是否必要 | 提交方式 |
        | --- | --- | --- | --- | --- |
        {{#materials}}
        | {{materialName}} | {{form}} | {{copies}} | {{required}} | {{how}}{{#note}}（{{.}}）{{/note}} |
        {{/materials}}
        {{/hasMaterials}}
        {{^hasMaterials}}
        无需提交材料。
        {{/hasMaterials}}

        ## 表单字段

        {{#hasFields}}
        申请人填写 {{handFilledCount}} 项，自动预填 {{prefilledCount}} 项。

        | 字段 | 类型 | 是否必填 | 填写方式 | 说明 |
        | --- | --- | --- | --- | --- |
        {{#fields}}
        | {{label}} | {{type}} | {{requirement}} | {{fill}} | {{#notes}}{{.}}{{^last()}}；{{/last()}}{{/notes}} |
        {{/fields}}
        {{/hasFields}}
        {{^hasFields}}
        无需填写表单。
        {{/hasFields}}

        ## 办理流程

        {{#steps}}
        {{number}}. {{stepName}}{{#stepDays}}（{{.}}）{{/stepDays}}
        {{/steps}}
        {{^hasSteps}}
        本事项未列明办理步骤。
        {{/hasSteps}}

        ## 办理时限与跑动次数

        - 法定办结时限：{{statutoryText}}
        - 承诺办结时限：{{promisedText}}
        - 到办事现场次数：{{#visitCount}}{{.}} 次，{{/visitCount}}{{visits}}
        {{#visitReason}}
        - 到现场原因：{{.}}
        {{/visitReason}}

        ## 办理渠道

        {{#channels}}
        - {{.}}
        {{/channels}}
        {{^hasChannels}}
        - 未说明办理渠道，请向实施主体咨询。
        {{/hasChannels}}
        {{#onlineDepth}}
        - 网上办理深度：{{.}}
        {{/onlineDepth}}

        ## 收费

        {{^charged}}
        {{feeText}}。
        {{/charged}}
        {{#charged}}
        - {{feeText}}
        {{#feeStandard}}
        - 收费标准：{{.}}
        {{/feeStandard}}
        {{#feeBasis}}
        - 收费依据：{{.}}
        {{/feeBasis}}
        {{/charged}}

        ## 设定依据

        {{#legalBasis}}
        - {{.}}
        {{/legalBasis}}
        {{^hasLegalBasis}}
        - 未列明。
        {{/hasLegalBasis}}

        ## 实施主体与咨询投诉

        - 实施主体：{{department}}
        {{#consultation}}
        - 咨询方式：{{.}}
        {{/consultation}}
        {{#complaint}}
        - 监督投诉：{{.}}
        {{/complaint}}
        {{#hasOutputs}}

        ## 办理结果

        {{#outputs}}
        - {{.}}
        {{/outputs}}
        {{/hasOutputs}}
        {{#hasBundles}}

        ## 所属“一件事”

        {{#bundles}}
        - [{{linkName}}]({{href}})
        {{/bundles}}
        {{/hasBundles}}

        ---
        [返回目录](../README.md)

        """#

    static let itemEN = #"""
        # {{name}}

        **{{visits}}{{#reformTerm}} ({{.}}){{/reformTerm}}**{{#onlineDepth}} · {{.}}{{/onlineDepth}} · Promised limit: {{promisedText}}

        | Item | Details |
        | --- | --- |
        | Item code | {{code}} |
        | Responsible department | {{department}} |
        | Kind | {{kind}} |
        | Level | {{level}} |
        | Handling | {{handling}} |
        | Who it serves | {{#audience}}{{.}}{{^last()}}, {{/last()}}{{/audience}} |

        ## Who may apply

        - Who it serves: {{#audience}}{{.}}{{^last()}}, {{/last()}}{{/audience}}
        {{#conditions}}
        - Conditions: {{.}}
        {{/conditions}}
        {{^conditions}}
        - Conditions: none beyond the law's general ones.
        {{/conditions}}
        {{#hasPreconditions}}
        - Complete first: {{#preconditions}}[{{linkName}}]({{href}}){{^last()}}, {{/last()}}{{/preconditions}}
        {{/hasPreconditions}}

        ## Materials

        {{#hasMaterials}}
        Materials the applicant submits: {{submittedCount}}; not submitted: {{exemptCount}}.

        | Material | Form | Copies | Required | How |
        | --- | --- | --- | --- | --- |
        {{#materials}}
        | {{materialName}} | {{form}} | {{copies}} | {{required}} | {{how}}{{#note}} ({{.}}){{/note}} |
        {{/materials}}
        {{/hasMaterials}}
        {{^hasMaterials}}
        No materials are needed.
        {{/hasMaterials}}

        ## Form

        {{#hasFields}}
        Fields the applicant fills in: {{handFilledCount}}; prefilled: {{prefilledCount}}.

        | Field | Type | Required | How | Notes |
        | --- | --- | --- | --- | --- |
        {{#fields}}
        | {{label}} | {{type}} | {{requirement}} | {{fill}} | {{#notes}}{{.}}{{^last()}}; {{/last()}}{{/notes}} |
        {{/fields}}
        {{/hasFields}}
        {{^hasFields}}
        No form is needed.
        {{/hasFields}}

        ## Steps

        {{#steps}}
        {{number}}. {{stepName}}{{#stepDays}} ({{.}}){{/stepDays}}
        {{/steps}}
        {{^hasSteps}}
        The catalog lists no steps for this item.
        {{/hasSteps}}

        ## Time limits and visits

        - Statutory limit: {{statutoryText}}
        - Promised limit: {{promisedText}}
        - Visits in person: {{#visitCount}}{{.}}, {{/visitCount}}{{visits}}{{#reformTerm}} ({{.}}){{/reformTerm}}
        {{#visitReason}}
        - Why in person: {{.}}
        {{/visitReason}}

        ## Channels

        {{#channels}}
        - {{.}}
        {{/channels}}
        {{^hasChannels}}
        - No channel is stated: ask the department.
        {{/hasChannels}}
        {{#onlineDepth}}
        - Online handling: {{.}}
        {{/onlineDepth}}

        ## Fees

        {{^charged}}
        {{feeText}}.
        {{/charged}}
        {{#charged}}
        - {{feeText}}
        {{#feeStandard}}
        - Standard: {{.}}
        {{/feeStandard}}
        {{#feeBasis}}
        - Basis: {{.}}
        {{/feeBasis}}
        {{/charged}}

        ## Legal basis

        {{#legalBasis}}
        - {{.}}
        {{/legalBasis}}
        {{^hasLegalBasis}}
        - Not stated.
        {{/hasLegalBasis}}

        ## Department and contacts

        - Responsible department: {{department}}
        {{#consultation}}
        - Questions: {{.}}
        {{/consultation}}
        {{#complaint}}
        - Complaints: {{.}}
        {{/complaint}}
        {{#hasOutputs}}

        ## What you receive

        {{#outputs}}
        - {{.}}
        {{/outputs}}
        {{/hasOutputs}}
        {{#hasBundles}}

        ## Part of these "one thing" bundles

        {{#bundles}}
        - [{{linkName}}]({{href}})
        {{/bundles}}
        {{/hasBundles}}

        ---
        [Back to the index](../README.md)

        """#

    static let bundleZH = #"""
        # {{name}}

        {{#description}}
        {{.}}

        {{/description}}
        - 牵头部门：{{#leadDepartment}}{{.}}{{/leadDepartment}}{{^leadDepartment}}未指定{{/leadDepartment}}
        - 包含事项：{{itemCount}} 项，一表申请、一次提交、一并审批、一站办结
        - 承诺办结时限：{{promisedText}}；各阶段依次办理、阶段内并联，全程需 {{totalText}}
        - 到办事现场次数：{{visits}}
        - 表单：申请人填写 {{handFilledCount}} 项（逐项办理需 {{separateHandFilled}} 项）
        - 材料：申请人提交 {{submittedCount}} 项（逐项办理需 {{separateSubmitted}} 项）

        ## 包含事项

        | 序号 | 事项 | 实施主体 | 承诺时限 | 到现场次数 | 阶段 |
        | --- | --- | --- | --- | --- | --- |
        {{#items}}
        | {{number}} | [{{linkName}}]({{href}}){{#critical}} ★{{/critical}} | {{department}} | {{itemPromised}} | {{itemVisits}} | {{stage}} |
        {{/items}}

        ★ 关键路径上的事项。

        ## 办理流程

        ```mermaid
        {{{mermaid}}}
        ```

        {{#stages}}
        {{number}}. 第 {{number}} 阶段{{#parallel}}（同时办理）{{/parallel}}：{{#stageItems}}[{{linkName}}]({{href}}){{^last()}}、{{/last()}}{{/stageItems}}（{{#departments}}{{.}}{{^last()}}、{{/last()}}{{/departments}}）
        {{/stages}}

        关键路径：{{#criticalPath}}{{linkName}}（{{pathDays}}）{{^last()}} → {{/last()}}{{/criticalPath}}；全程 {{totalText}}，承诺 {{promisedText}}。

        ## 谁可以申请

        {{#conditions}}
        - [{{linkName}}]({{href}})：{{text}}
        {{/conditions}}
        {{^conditions}}
        各事项未规定特别的受理条件。
        {{/conditions}}

        ## 申请材料

        {{#hasMaterials}}
        | 材料名称 | 材料形式 | 份数 | 是否必要 | 提交方式 |
        | --- | --- | --- | --- | --- |
        {{#materials}}
        | {{materialName}} | {{form}} | {{copies}} | {{required}} | {{how}} |
        {{/materials}}
        {{/hasMaterials}}
        {{^hasMaterials}}
        无需提交材料。
        {{/hasMaterials}}

        ## 一张表单

        {{#hasFields}}
        | 字段 | 类型 | 是否必填 | 填写方式 | 说明 |
        | --- | --- | --- | --- | --- |
        {{#fields}}
        | {{label}} | {{type}} | {{requirement}} | {{fill}} | {{#notes}}{{.}}{{^last()}}；{{/last()}}{{/notes}} |
        {{/fields}}
        {{/hasFields}}
        {{^hasFields}}
        无需填写表单。
        {{/hasFields}}

        ## 办理渠道与时限

        | 事项 | 办理渠道 | 承诺时限 |
        | --- | --- | --- |
        {{#items}}
        | {{linkName}} | {{#itemChannels}}{{.}}{{^last()}}、{{/last()}}{{/itemChannels}} | {{itemPromised}} |
        {{/items}}

        ## 收费

        {{#allFree}}
        各事项均不收费。
        {{/allFree}}
        {{#fees}}
        - [{{linkName}}]({{href}})：{{feeText}}{{#feeStandard}}，{{.}}{{/feeStandard}}{{#feeBasis}}（依据：{{.}}）{{/feeBasis}}
        {{/fees}}

        ## 设定依据

        {{#legalBases}}
        - [{{linkName}}]({{href}})：{{#bases}}{{.}}{{^last()}}；{{/last()}}{{/bases}}
        {{/legalBases}}
        {{#hasContactList}}

        ## 咨询与投诉

        {{/hasContactList}}
        {{#contacts}}
        - [{{linkName}}]({{href}})：{{#consultation}}咨询 {{.}}{{/consultation}}{{#complaint}}{{#consultation}}；{{/consultation}}投诉 {{.}}{{/complaint}}
        {{/contacts}}

        ---
        [返回目录](../README.md)

        """#

    static let bundleEN = #"""
        # {{name}}

        {{#description}}
        {{.}}

        {{/description}}
        - Lead department: {{#leadDepartment}}{{.}}{{/leadDepartment}}{{^leadDepartment}}not named{{/leadDepartment}}
        - Items: {{itemCount}}, with one form, one submission, joint approval and one stop
        - Promised limit: {{promisedText}}; stages run one after another, items within a stage in parallel, {{totalText}} end to end
        - Visits in person: {{visits}}{{#reformTerm}} ({{.}}){{/reformTerm}}
        - Form: the applicant fills in {{handFilledCount}} fields ({{separateHandFilled}} filing item by item)
        - Materials: the applicant submits {{submittedCount}} ({{separateSubmitted}} filing item by item)

        ## Items

        | # | Item | Department | Promised limit | Visits | Stage |
        | --- | --- | --- | --- | --- | --- |
        {{#items}}
        | {{number}} | [{{linkName}}]({{href}}){{#critical}} ★{{/critical}} | {{department}} | {{itemPromised}} | {{itemVisits}} | {{stage}} |
        {{/items}}

        ★ On the critical path.

        ## Process

        ```mermaid
        {{{mermaid}}}
        ```

        {{#stages}}
        {{number}}. Stage {{number}}{{#parallel}} (in parallel){{/parallel}}: {{#stageItems}}[{{linkName}}]({{href}}){{^last()}}, {{/last()}}{{/stageItems}} ({{#departments}}{{.}}{{^last()}}, {{/last()}}{{/departments}})
        {{/stages}}

        Critical path: {{#criticalPath}}{{linkName}} ({{pathDays}}){{^last()}} → {{/last()}}{{/criticalPath}}; {{totalText}} end to end, {{promisedText}} promised.

        ## Who may apply

        {{#conditions}}
        - [{{linkName}}]({{href}}): {{text}}
        {{/conditions}}
        {{^conditions}}
        The items set no conditions beyond the law's general ones.
        {{/conditions}}

        ## Materials

        {{#hasMaterials}}
        | Material | Form | Copies | Required | How |
        | --- | --- | --- | --- | --- |
        {{#materials}}
        | {{materialName}} | {{form}} | {{copies}} | {{required}} | {{how}} |
        {{/materials}}
        {{/hasMaterials}}
        {{^hasMaterials}}
        No materials are needed.
        {{/hasMaterials}}

        ## One form

        {{#hasFields}}
        | Field | Type | Required | How | Notes |
        | --- | --- | --- | --- | --- |
        {{#fields}}
        | {{label}} | {{type}} | {{requirement}} | {{fill}} | {{#notes}}{{.}}{{^last()}}; {{/last()}}{{/notes}} |
        {{/fields}}
        {{/hasFields}}
        {{^hasFields}}
        No form is needed.
        {{/hasFields}}

        ## Channels and limits

        | Item | Channels | Promised limit |
        | --- | --- | --- |
        {{#items}}
        | {{linkName}} | {{#itemChannels}}{{.}}{{^last()}}, {{/last()}}{{/itemChannels}} | {{itemPromised}} |
        {{/items}}

        ## Fees

        {{#allFree}}
        Every item is free of charge.
        {{/allFree}}
        {{#fees}}
        - [{{linkName}}]({{href}}): {{feeText}}{{#feeStandard}}, {{.}}{{/feeStandard}}{{#feeBasis}} (basis: {{.}}){{/feeBasis}}
        {{/fees}}

        ## Legal basis

        {{#legalBases}}
        - [{{linkName}}]({{href}}): {{#bases}}{{.}}{{^last()}}; {{/last()}}{{/bases}}
        {{/legalBases}}
        {{#hasContactList}}

        ## Questions and complaints

        {{/hasContactList}}
        {{#contacts}}
        - [{{linkName}}]({{href}}): {{#consultation}}questions {{.}}{{/consultation}}{{#complaint}}{{#consultation}}; {{/consultation}}complaints {{.}}{{/complaint}}
        {{/contacts}}

        ---
        [Back to the index](../README.md)

        """#

    static let indexZH = #"""
        # {{province}}办事指南

        由 Jimu 根据事项目录（版本 {{version}}）生成，共 {{itemCount}} 个事项。{{#hasEnglish}}[English](../en/README.md){{/hasEnglish}}

        ## “一件事”

        {{#hasBundles}}
        | 一件事 | 事项数 | 承诺时限 |
        | --- | --- | --- |
        {{#bundles}}
        | [{{linkName}}]({{href}}) | {{itemCount}} | {{promisedText}} |
        {{/bundles}}
        {{/hasBundles}}
        {{^hasBundles}}
        目录中没有“一件事”。
        {{/hasBundles}}

        ## 按部门

        {{#departments}}
        ### {{groupName}}

        {{#entries}}
        - [{{linkName}}]({{href}})：{{itemVisits}}，承诺 {{itemPromised}}
        {{/entries}}

        {{/departments}}
        ## 按层级

        {{#levels}}
        ### {{groupName}}

        {{#entries}}
        - [{{linkName}}]({{href}})
        {{/entries}}

        {{/levels}}
        """#

    static let indexEN = #"""
        # {{province}}: service guides

        Generated by Jimu from the service catalog (version {{version}}). [中文](../zh/README.md)

        ## "One thing" bundles

        {{#hasBundles}}
        | Bundle | Items | Promised limit |
        | --- | --- | --- |
        {{#bundles}}
        | [{{linkName}}]({{href}}) | {{itemCount}} | {{promisedText}} |
        {{/bundles}}
        {{/hasBundles}}
        {{^hasBundles}}
        The catalog has no bundles.
        {{/hasBundles}}

        ## By department

        {{#departments}}
        ### {{groupName}}

        {{#entries}}
        - [{{linkName}}]({{href}}): {{itemVisits}}, promised {{itemPromised}}
        {{/entries}}

        {{/departments}}
        ## By level

        {{#levels}}
        ### {{groupName}}

        {{#entries}}
        - [{{linkName}}]({{href}})
        {{/entries}}

        {{/levels}}
        {{#hasUntranslated}}
        ## Not yet in English

        These guides are in Chinese only, because the catalog has no English name for them:

        {{#untranslated}}
        - [{{linkName}}]({{href}})
        {{/untranslated}}

        {{/hasUntranslated}}
        """#
}
